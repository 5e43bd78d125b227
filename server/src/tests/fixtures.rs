//! Every administration call with valid-looking fields, for the administration matrix and the
//! registry's coverage check.

/// Every administration call with valid-looking fields for organisation `org`.
pub(crate) fn admin_calls(org: &str) -> Vec<(&'static str, Vec<(String, String)>)> {
    let o = |extra: &[(&str, &str)]| {
        let mut f = vec![("org".to_string(), org.to_string())];
        f.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        f
    };
    vec![
        ("/api/load_hierarchy", o(&[])),
        ("/api/load_calendar", o(&[])),
        ("/api/load_sla", o(&[])),
        (
            "/api/add_node",
            o(&[
                ("level", "department"),
                ("node[name_fi]", "Osasto"),
                ("node[name_sv]", "Avdelning"),
                ("node[name_en]", "Department"),
            ]),
        ),
        (
            "/api/set_node_active",
            o(&[("level", "department"), ("id", "1"), ("active", "false")]),
        ),
        (
            "/api/add_closure",
            o(&[
                ("closure[day]", "2026-12-28"),
                ("closure[reason]", "Huolto"),
            ]),
        ),
        ("/api/remove_closure", o(&[("day", "2026-12-28")])),
        (
            "/api/add_policy",
            o(&[
                ("policy[name]", "Kaikki"),
                ("policy[resolution_hours]", "8"),
            ]),
        ),
        ("/api/retire_policy", o(&[("id", "1")])),
        ("/api/load_retention", o(&[])),
        ("/api/load_routing", o(&[])),
        (
            "/api/add_rule",
            o(&[
                ("rule[name]", "Laskut"),
                ("rule[keywords]", "lasku"),
                ("rule[assign]", "on"),
            ]),
        ),
        ("/api/move_rule_up", o(&[("id", "1")])),
        ("/api/delete_rule", o(&[("id", "1")])),
        ("/api/load_people", o(&[])),
        ("/api/load_org_settings", o(&[])),
        ("/api/load_mail_log", o(&[])),
        (
            "/api/save_mailbox",
            o(&[
                ("mailbox[name]", "Neuvonta"),
                ("mailbox[host]", "imap.kunta.example"),
                ("mailbox[port]", "993"),
                ("mailbox[username]", "neuvonta"),
                ("mailbox[password]", "salasana"),
                ("mailbox[folder]", "INBOX"),
                ("mailbox[processed_folder]", "Processed"),
                ("mailbox[failed_folder]", "Failed"),
            ]),
        ),
        ("/api/delete_mailbox", o(&[("id", "1")])),
        (
            "/api/save_org_settings",
            o(&[
                ("settings[name_fi]", "Nimi"),
                ("settings[name_sv]", "Namn"),
                ("settings[name_en]", "Name"),
                ("settings[privacy_url]", "/privacy/demo.html"),
                ("settings[untouched_hours]", "24"),
                ("settings[default_language]", "fi"),
                ("settings[reopen_days]", "14"),
            ]),
        ),
        (
            "/api/save_matrix",
            o(&[
                ("matrix[high_high]", "critical"),
                ("matrix[high_medium]", "high"),
                ("matrix[high_low]", "normal"),
                ("matrix[medium_high]", "high"),
                ("matrix[medium_medium]", "normal"),
                ("matrix[medium_low]", "low"),
                ("matrix[low_high]", "normal"),
                ("matrix[low_medium]", "low"),
                ("matrix[low_low]", "low"),
            ]),
        ),
        (
            "/api/save_week",
            o(&[
                ("week[time_zone]", "Europe/Helsinki"),
                ("week[finnish_holidays]", "on"),
                ("week[open_0]", "on"),
                ("week[opens_0]", "08:00"),
                ("week[closes_0]", "16:00"),
            ]),
        ),
        ("/api/load_admin_home", o(&[])),
        ("/api/load_forms_admin", o(&[])),
        (
            "/api/create_form",
            o(&[
                ("new[slug]", "vuokraus"),
                ("new[request_type]", "order"),
                ("new[name_fi]", "Vuokraus"),
                ("new[name_sv]", "Uthyrning"),
                ("new[name_en]", "Rental"),
            ]),
        ),
        (
            "/api/save_embedding",
            o(&[
                ("embedding[brand_colour]", "#00549f"),
                ("embedding[origins]", "https://www.example.fi"),
            ]),
        ),
        ("/api/load_form_editor", o(&[("id", "1")])),
        (
            "/api/save_form_settings",
            o(&[
                ("id", "1"),
                ("settings[slug]", "kysy"),
                ("settings[request_type]", "information_request"),
                ("settings[category]", ""),
                ("settings[name_fi]", "Kysy"),
                ("settings[name_sv]", "Fråga"),
                ("settings[name_en]", "Ask"),
                ("settings[intro_fi]", ""),
                ("settings[intro_sv]", ""),
                ("settings[intro_en]", ""),
                ("settings[active]", "on"),
                ("settings[sort_order]", "1"),
                ("settings[max_files]", "3"),
                ("settings[max_megabytes]", "5"),
                ("settings[file_types]", "pdf"),
            ]),
        ),
        (
            "/api/edit_form_fields",
            o(&[("id", "1"), ("op", "remove"), ("key", "ei-ole")]),
        ),
        ("/api/load_privacy_admin", o(&[])),
        (
            "/api/publish_privacy",
            o(&[
                ("notice[language]", "fi"),
                (
                    "notice[body]",
                    "Käsittelemme tietojasi palvelupyynnön hoitamiseksi.",
                ),
            ]),
        ),
        ("/api/save_retention", {
            let mut f = o(&[]);
            for i in 0..6 {
                f.push((format!("rules[archive_after_days][{i}]"), "30".into()));
                f.push((format!("rules[dispose_after_months][{i}]"), "12".into()));
                f.push((format!("rules[disposal][{i}]"), "anonymise".into()));
            }
            f
        }),
    ]
}
