//! The steps a funnel starts with after a file is read, so a new user sees a sensible
//! funnel at once: the funnel table's stage names that are events of the log, in the
//! table's order; short of two of those, the events most users did, in the order people
//! usually do them, never a noise event (a technical event, or one people repeat many
//! times each, like a heartbeat or a page refresh).

use super::event_log::EventLog;

/// Technical event names (compared lowercase, without spaces, `_` and `-`).
const NOISE_NAMES: [&str; 8] = [
    "heartbeat",
    "ping",
    "keepalive",
    "心跳",
    "sessionstart",
    "sessionend",
    "error",
    "crash",
];

/// An event done more often than this per user who did it is noise, not a step.
const NOISE_REPEATS: f64 = 4.0;

/// The window lengths offered beside the free length and unit: 1 h, 24 h, 7 d, 30 d.
pub const WINDOW_PRESETS: [(u64, u64); 4] = [(1, 3_600), (24, 3_600), (7, 86_400), (30, 86_400)];

fn key(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether `name` is a noise event in `log` (see the module docs).
pub fn is_noise(log: &EventLog, name: &str) -> bool {
    if NOISE_NAMES.contains(&key(name).as_str()) {
        return true;
    }
    let Some(id) = log.event_names().id(name) else {
        return false;
    };
    let stats = event_stats(log);
    let s = &stats[id as usize];
    s.users > 0 && s.events as f64 / s.users as f64 > NOISE_REPEATS
}

#[derive(Clone, Default)]
struct EventStats {
    users: u64,
    events: u64,
    /// Sum over users of (first time of this event − the user's first event), seconds.
    offset_sum: i128,
}

fn event_stats(log: &EventLog) -> Vec<EventStats> {
    let mut stats = vec![EventStats::default(); log.event_names().len()];
    let mut seen_by = vec![u32::MAX; stats.len()];
    let mut user_start = (u32::MAX, 0i64);
    for e in log.events() {
        if user_start.0 != e.user {
            user_start = (e.user, e.time);
        }
        let s = &mut stats[e.name as usize];
        s.events += 1;
        if seen_by[e.name as usize] != e.user {
            seen_by[e.name as usize] = e.user;
            s.users += 1;
            s.offset_sum += i128::from(e.time - user_start.1);
        }
    }
    stats
}

/// `count` default steps (fewer when the log has fewer usable events): see the module docs.
pub fn default_steps(log: &EventLog, stage_names: &[String], count: usize) -> Vec<String> {
    let names = log.event_names();
    let mut from_stages: Vec<String> = Vec::new();
    for stage in stage_names {
        let stage = stage.trim();
        if names.id(stage).is_some() && !from_stages.iter().any(|s| s == stage) {
            from_stages.push(stage.to_string());
        }
    }
    let stats = event_stats(log);
    let users_of = |name: &str| names.id(name).map_or(0, |id| stats[id as usize].users);
    if from_stages.len() >= 2 {
        // n stages take n + 1 steps (the first stage's reached is the step before it):
        // the entry is the event most users did, when at least as many as the first stage.
        let entry = candidates(log, &stats, &from_stages)
            .first()
            .and_then(|(id, s)| {
                let name = names.name(*id)?;
                (s.users >= users_of(&from_stages[0])).then(|| name.to_string())
            })
            .filter(|_| from_stages.len() < count);
        return entry.into_iter().chain(from_stages).collect();
    }
    let mut candidates = candidates(log, &stats, &from_stages);
    candidates.truncate(count.saturating_sub(from_stages.len()));
    let mean_offset = |s: &EventStats| s.offset_sum as f64 / s.users as f64;
    candidates.sort_by(|a, b| {
        mean_offset(a.1)
            .total_cmp(&mean_offset(b.1))
            .then(a.0.cmp(&b.0))
    });
    from_stages
        .into_iter()
        .chain(
            candidates
                .into_iter()
                .filter_map(|(id, _)| names.name(id).map(String::from)),
        )
        .collect()
}

/// Events that may be steps (not noise, not already taken), most users first.
fn candidates<'a>(
    log: &EventLog,
    stats: &'a [EventStats],
    taken: &[String],
) -> Vec<(u32, &'a EventStats)> {
    let names = log.event_names();
    let mut out: Vec<(u32, &EventStats)> = stats
        .iter()
        .enumerate()
        .map(|(id, s)| (id as u32, s))
        .filter(|(id, s)| {
            let name = names.name(*id).unwrap_or_default();
            s.users > 0
                && !taken.iter().any(|f| f == name)
                && !NOISE_NAMES.contains(&key(name).as_str())
                && s.events as f64 / s.users as f64 <= NOISE_REPEATS
        })
        .collect();
    out.sort_by(|a, b| b.1.users.cmp(&a.1.users).then(a.0.cmp(&b.0)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::formats::stepped_read::SteppedRead;
    use crate::domain::funnel::event_log::EventLogReader;

    fn log() -> EventLog {
        let mut text = String::from("user,time,event\n");
        for u in 0..10 {
            // Everyone beats 20 times, opens the page, most add to cart, some pay.
            for t in 0..20 {
                text.push_str(&format!("u{u},{},heartbeat\n", t * 10));
            }
            text.push_str(&format!("u{u},5,visit\n"));
            if u < 7 {
                text.push_str(&format!("u{u},50,add_to_cart\n"));
            }
            if u < 3 {
                text.push_str(&format!("u{u},90,pay\n"));
                for t in 0..6 {
                    text.push_str(&format!("u{u},{},scroll\n", 60 + t));
                }
            }
            if u == 0 {
                text.push_str("u0,1,Session_Start\n");
            }
        }
        EventLogReader::new(text).unwrap().finish()
    }

    #[test]
    fn stage_names_first_then_frequent_events_in_journey_order() {
        let log = log();
        // Two stage names are events: they are the steps, in the table's order (the
        // most frequent event leads only when at least as many did it as the first).
        let stages = [
            "add_to_cart".to_string(),
            "进店".into(),
            "pay".into(),
            "pay".into(),
        ];
        assert_eq!(
            default_steps(&log, &stages, 5),
            ["visit", "add_to_cart", "pay"]
        );
        let stages = ["visit".to_string(), "pay".into()];
        assert_eq!(default_steps(&log, &stages, 3), ["visit", "pay"]);
        assert_eq!(default_steps(&log, &stages, 2), ["visit", "pay"]);
        // None: the most frequent, in journey order, never heartbeat, scroll (6 per
        // user) or the session event.
        assert_eq!(default_steps(&log, &[], 3), ["visit", "add_to_cart", "pay"]);
        assert_eq!(default_steps(&log, &[], 2), ["visit", "add_to_cart"]);
        // One stage matches: it leads, the rest fill in.
        assert_eq!(
            default_steps(&log, &["pay".into()], 3),
            ["pay", "visit", "add_to_cart"]
        );
        assert!(is_noise(&log, "heartbeat") && is_noise(&log, "scroll"));
        assert!(is_noise(&log, "Session_Start") && !is_noise(&log, "visit"));
    }

    #[test]
    fn the_sample_log_defaults_to_its_funnel() {
        let text = crate::domain::plan::samples::events_csv();
        let log = EventLogReader::new(text).unwrap().finish();
        let want: Vec<String> = crate::domain::plan::samples::event_steps()
            .into_iter()
            .map(|s| s.0)
            .collect();
        // The demo funnel's stage names, with the entry event before them.
        let stages: Vec<String> = crate::domain::plan::demo::demo_plan()
            .funnel
            .stages
            .iter()
            .map(|s| s.name.clone())
            .collect();
        assert_eq!(default_steps(&log, &stages, stages.len() + 1), want);
        // Without a table: the most frequent events, never fewer than asked for.
        assert_eq!(default_steps(&log, &[], 5).len(), 5);
    }
}
