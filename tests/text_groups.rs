//! The Chinese texts of a lazily loaded page live in the page's module (src/i18n/messages.rs):
//! a message of a page's group read where that group is not installed would show empty.
//! This reads the sources and checks, before any browser runs, that
//! - a group's messages are named only in its page's folder, or in a file whose code
//!   installs the group (the print view, the workbook export);
//! - each page installs its own group, and a file reaching into another page's folder
//!   installs that page's group too (or is a listed exception, with its reason).
//!
//! The app also names a missed group on the console, which fails the end-to-end tests
//! (tests/e2e/specs/fixtures.js); this test catches it without a browser.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// Group name in messages.rs → (install function, the page's folder or file).
const GROUPS: &[(&str, &str, &str)] = &[
    ("Scenario", "scenario", "src/pages/scenario/"),
    ("Tasks", "tasks", "src/pages/tasks/"),
    ("Funnel", "funnel", "src/pages/funnel/"),
    ("Channels", "channels", "src/pages/channels/"),
    ("Toolkits", "toolkits", "src/pages/toolkits/"),
    ("Customers", "customers", "src/pages/customers/"),
    ("Settings", "settings", "src/pages/settings.rs"),
    ("Plans", "plans", "src/pages/plans.rs"),
    ("Share", "share", "src/pages/share.rs"),
];

/// Code whose install calls sit in another file: the workbook sheets run only inside the
/// `xlsx` module, whose entry installs the groups they name.
const INSTALLED_BY: &[(&str, &str)] = &[("src/pages/workbook.rs", "src/state/xlsx.rs")];

/// Files that reach into a page's folder without showing that page's messages.
const REACH_WITHOUT_TEXTS: &[(&str, &str, &str)] = &[
    // The routes name each page's component, which installs its own texts.
    ("src/app.rs", "*", "routes and module starts only"),
    // `industry_name` names core messages (the industry names are shared).
    ("src/pages/toolkits/mod.rs", "scenario", "industry_name"),
    ("src/pages/plans.rs", "scenario", "industry_name"),
];

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Each message's group, read from the `messages!` invocation ("core" for the core).
fn message_groups(messages_rs: &str) -> BTreeMap<String, String> {
    let mut groups = BTreeMap::new();
    let mut group = None::<String>;
    for line in messages_rs.lines() {
        let trimmed = line.trim();
        if line.starts_with("    ") && !line.starts_with("     ") && trimmed.ends_with('{') {
            let name = trimmed.split([' ', '{']).next().unwrap_or("");
            if name == "core" || GROUPS.iter().any(|(g, ..)| *g == name) {
                group = Some(name.to_string());
            }
            continue;
        }
        if let (Some(group), Some((key, _))) = (&group, trimmed.split_once(" =>")) {
            if !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric()) {
                groups.insert(key.to_string(), group.clone());
            }
        }
    }
    groups
}

fn installs(source: &str, install: &str) -> bool {
    source.contains(&format!("install_texts::{install}()"))
        || source.contains("install_texts::all()")
}

#[test]
fn every_group_message_is_read_where_its_texts_are_installed() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let messages = fs::read_to_string(root.join("src/i18n/messages.rs")).unwrap();
    let groups = message_groups(&messages);
    assert!(groups.len() > 1000, "read {} messages", groups.len());
    for (group, ..) in GROUPS {
        assert!(
            groups.values().any(|g| g == group),
            "no message in group {group}"
        );
    }

    let mut files = Vec::new();
    sources(&root.join("src"), &mut files);
    let read = |rel: &str| fs::read_to_string(root.join(rel)).unwrap();
    let mut problems = Vec::new();
    for path in &files {
        let rel = path
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if rel == "src/i18n/messages.rs" {
            continue;
        }
        let source = fs::read_to_string(path).unwrap();
        let installer = INSTALLED_BY
            .iter()
            .find(|(file, _)| *file == rel)
            .map(|(_, by)| read(by))
            .unwrap_or_else(|| source.clone());

        // Messages named here.
        for (i, _) in source.match_indices("Msg::") {
            let key: String = source[i + 5..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            let Some(group) = groups.get(&key) else {
                continue;
            };
            let Some((_, install, folder)) = GROUPS.iter().find(|(g, ..)| g == group) else {
                continue; // core
            };
            if !rel.starts_with(folder) && !installs(&installer, install) {
                problems.push(format!(
                    "{rel}: Msg::{key} of group {group}, not installed here"
                ));
            }
        }

        // Code of another page's folder used here.
        for (group, install, folder) in GROUPS {
            if rel.starts_with(folder) {
                continue;
            }
            let module = folder
                .trim_start_matches("src/pages/")
                .trim_end_matches('/')
                .trim_end_matches(".rs");
            if !source.contains(&format!("pages::{module}")) || installs(&installer, install) {
                continue;
            }
            let excused = REACH_WITHOUT_TEXTS
                .iter()
                .any(|(file, page, _)| *file == rel && (*page == "*" || *page == module));
            if !excused {
                problems.push(format!(
                    "{rel}: uses pages::{module} without installing group {group}"
                ));
            }
        }
    }

    // Each page installs its own group where it is built.
    for (group, install, folder) in GROUPS {
        let own = files.iter().any(|path| {
            let rel = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            rel.starts_with(folder) && installs(&fs::read_to_string(path).unwrap(), install)
        });
        if !own {
            problems.push(format!("{folder}: never installs group {group}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
