//! Interned names: the distinct texts of a column of a large import (user ids, event
//! names, customers, stores), each given a small dense id in order of first appearance.

/// A table of distinct names (users, events, customers, stores…), each with a small id.
///
/// A million-row log can name a few hundred thousand users, so the names live back to
/// back in one string with a small open-addressing index beside it, instead of two
/// heap allocations per name in a `HashMap<String, u32>` plus a `Vec<String>`.
#[derive(Debug, Clone, Default)]
pub struct Names {
    text: String,
    /// `ends[id]`: where name `id` ends in `text`.
    ends: Vec<usize>,
    /// Open addressing, linear probing, a power of two long.
    slots: Vec<Slot>,
}

/// A slot of the index: where its name is, so that a lookup reads the slot and the
/// name's bytes and nothing else (each a likely cache miss in a table of 200k names).
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    /// The name's id + 1; 0 = an empty slot.
    id_plus_one: u32,
    /// The hash's top 32 bits, which spare most string comparisons.
    tag: u32,
    /// The name's bytes in `text` (`start` is `u32::MAX` past 4 GB: then `ends` says).
    start: u32,
    len: u32,
}

impl Names {
    // A fast non-keyed hash is safe here: the keys come from the merchant's own file,
    // not from an attacker, and hashing runs once per field of a million rows.
    fn hash(bytes: &[u8]) -> u64 {
        let mut h: u64 = bytes.len() as u64;
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            h = (h.rotate_left(5) ^ u64::from_le_bytes(word))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
        // The multiply leaves the low bits weak and the index uses them: mix (MurmurHash3).
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }

    /// The slot holding `name`, or the empty slot where it would go.
    fn find(&self, name: &str, hash: u64) -> Result<u32, usize> {
        let mask = self.slots.len().wrapping_sub(1);
        let tag = (hash >> 32) as u32;
        let name = name.as_bytes();
        let mut i = hash as usize & mask;
        loop {
            let slot = self.slots[i];
            if slot.id_plus_one == 0 {
                return Err(i);
            }
            let id = slot.id_plus_one - 1;
            if slot.tag == tag && slot.len as usize == name.len() {
                let stored = match slot.start {
                    u32::MAX => self.bytes(id),
                    start => {
                        let start = start as usize;
                        &self.text.as_bytes()[start..start + name.len()]
                    }
                };
                if stored == name {
                    return Ok(id);
                }
            }
            i = (i + 1) & mask;
        }
    }

    fn slot(&self, id: u32, hash: u64) -> Slot {
        let (start, end) = self.span(id);
        Slot {
            id_plus_one: id + 1,
            tag: (hash >> 32) as u32,
            start: u32::try_from(start).unwrap_or(u32::MAX),
            len: u32::try_from(end - start).unwrap_or(u32::MAX),
        }
    }

    /// The id of `name`, added if new (no allocation when it is there already).
    pub fn intern(&mut self, name: &str) -> u32 {
        // Keep the index at most 3/4 full so probes stay short.
        if (self.ends.len() + 1) * 4 > self.slots.len() * 3 {
            self.grow();
        }
        let hash = Names::hash(name.as_bytes());
        match self.find(name, hash) {
            Ok(id) => id,
            Err(slot) => {
                // Ids stop at u32::MAX − 1; that many names cannot fit in a browser anyway.
                let id = u32::try_from(self.ends.len()).unwrap_or(u32::MAX - 1);
                self.text.push_str(name);
                self.ends.push(self.text.len());
                self.slots[slot] = self.slot(id, hash);
                id
            }
        }
    }

    fn grow(&mut self) {
        let len = (self.slots.len() * 2).max(16);
        self.slots = vec![Slot::default(); len];
        for id in 0..self.ends.len() as u32 {
            let name = self.name(id).unwrap_or_default();
            let hash = Names::hash(name.as_bytes());
            if let Err(slot) = self.find(name, hash) {
                self.slots[slot] = self.slot(id, hash);
            }
        }
    }

    /// The id of `name`, if it occurs in the log (exact, case-sensitive match).
    pub fn id(&self, name: &str) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        self.find(name, Names::hash(name.as_bytes())).ok()
    }

    /// The bytes of name `id` (a valid id), compared without a char-boundary check.
    fn bytes(&self, id: u32) -> &[u8] {
        let (start, end) = self.span(id);
        &self.text.as_bytes()[start..end]
    }

    /// Where name `id` (a valid id) is in `text`.
    fn span(&self, id: u32) -> (usize, usize) {
        let id = id as usize;
        let start = if id == 0 { 0 } else { self.ends[id - 1] };
        (start, self.ends[id])
    }

    /// The name with this id.
    pub fn name(&self, id: u32) -> Option<&str> {
        let id = id as usize;
        let end = *self.ends.get(id)?;
        let start = if id == 0 { 0 } else { self.ends[id - 1] };
        self.text.get(start..end)
    }

    /// The number of distinct names.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// No names at all.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The names in order of first appearance in the file (ids 0, 1, …).
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.ends.len() as u32).filter_map(|id| self.name(id))
    }
}
