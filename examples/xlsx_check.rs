//! The app's workbook writer and reader, for the check in real spreadsheet software
//! (tests/xlsx/check_libreoffice.py, `make test-xlsx`).
//!
//!   xlsx_check write <out.xlsx> <expected.json>
//!       the demo plan's cost lines, budget shares, funnel and phases (the texts each
//!       table exports, typed as the app types them), plus a sheet of edge cases; the
//!       JSON lists each cell's typed value (fen, hundredths of a percent, ISO date ...)
//!   xlsx_check read <in.xlsx> <sheet index> <kinds>
//!       prints, as JSON, each row's cells as the app's reader gives them to columns of
//!       these kinds (comma-separated: text, integer, money, percent, date)

use omo_planner::domain::formats::xlsx::reader::{cell_text, read_sheet};
use omo_planner::domain::formats::xlsx::writer::{
    typed_cell, write_workbook, BookInfo, CellOut, ColumnOut, SheetOut,
};
use omo_planner::domain::formats::xlsx::CellKind;
use omo_planner::domain::plan::demo::demo_plan;
use omo_planner::i18n::{format_rate, Lang, Msg};
use serde_json::{json, Value};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["write", out, expected] => write(out, expected),
        ["read", file, sheet, kinds] => read(file, sheet.parse().expect("sheet index"), kinds),
        _ => {
            eprintln!("usage: xlsx_check write <out.xlsx> <expected.json> | read <in.xlsx> <sheet> <kinds>");
            std::process::exit(2);
        }
    }
}

fn columns(cols: &[(Msg, CellKind)]) -> Vec<ColumnOut> {
    cols.iter()
        .map(|(m, k)| ColumnOut {
            header: Lang::Zh.t(*m).to_string(),
            kind: *k,
        })
        .collect()
}

fn demo_sheets() -> Vec<SheetOut> {
    use CellKind::*;
    let plan = demo_plan();
    let zh = |m: Msg| Lang::Zh.t(m).to_string();
    vec![
        SheetOut {
            name: zh(Msg::CostLinesTitle),
            columns: columns(&[
                (Msg::ColCostItem, Text),
                (Msg::ColScenarioType, Text),
                (Msg::ColCategory, Text),
                (Msg::ColAmount, Money),
            ]),
            rows: plan
                .cost_lines
                .iter()
                .map(|c| {
                    vec![
                        c.item.clone(),
                        c.scenario.clone(),
                        c.category.clone(),
                        c.amount.text(),
                    ]
                })
                .collect(),
        },
        SheetOut {
            name: zh(Msg::BudgetSplitTitle),
            columns: columns(&[(Msg::ColCategory, Text), (Msg::ColShare, Percent)]),
            rows: plan
                .budget_lines
                .iter()
                .map(|l| vec![l.category.clone(), l.share.text()])
                .collect(),
        },
        SheetOut {
            name: zh(Msg::FunnelTitle),
            columns: columns(&[
                (Msg::ColStage, Text),
                (Msg::ColReached, Integer),
                (Msg::ColConverted, Integer),
                (Msg::ColRate, Computed),
            ]),
            rows: plan
                .funnel
                .stages
                .iter()
                .map(|s| {
                    vec![
                        s.name.clone(),
                        s.reached.text(),
                        s.converted.text(),
                        format_rate(s.rate(), Lang::Zh),
                    ]
                })
                .collect(),
        },
        SheetOut {
            name: zh(Msg::PhasesTitle),
            columns: columns(&[
                (Msg::ColPhase, Text),
                (Msg::ColFirstMonth, Integer),
                (Msg::ColFromDate, Date),
            ]),
            rows: plan
                .phases
                .iter()
                .map(|p| {
                    vec![
                        p.name.clone(),
                        p.first_month.text(),
                        p.dates(plan.header.start_date)
                            .map_or(String::new(), |d| d.from.to_string()),
                    ]
                })
                .collect(),
        },
        SheetOut {
            name: "边界".into(),
            columns: vec![
                ColumnOut {
                    header: "文本".into(),
                    kind: Text,
                },
                ColumnOut {
                    header: "金额".into(),
                    kind: Money,
                },
                ColumnOut {
                    header: "比率".into(),
                    kind: Percent,
                },
                ColumnOut {
                    header: "日期".into(),
                    kind: Date,
                },
            ],
            rows: [
                ["=1+1", "1234567.89", "12.34", "2024-02-29"],
                ["+86 138 0000 0000", "-0.01", "0", "1900-03-01"],
                ["-5", "12.3.4", "abc", "下周五"],
                ["@SUM(A1)", "0.10", "100", "2099-12-31"],
            ]
            .iter()
            .map(|r| r.iter().map(|s| s.to_string()).collect())
            .collect(),
        },
    ]
}

fn write(out: &str, expected: &str) {
    let sheets = demo_sheets();
    let plan = demo_plan();
    let bytes = write_workbook(
        &sheets,
        BookInfo {
            currency: plan.header.currency,
            created: plan.header.start_date,
            computed_note: "计算得出，导入时不读取",
        },
    )
    .expect("workbook");
    std::fs::write(out, bytes).expect("write workbook");
    let doc: Vec<Value> = sheets
        .iter()
        .map(|s| {
            json!({
                "name": s.name,
                "headers": s.columns.iter().map(|c| c.header.clone()).collect::<Vec<_>>(),
                "computed": s.columns.iter().map(|c| c.kind == CellKind::Computed).collect::<Vec<_>>(),
                "rows": s.rows.iter().map(|r| {
                    s.columns.iter().enumerate().map(|(c, col)| {
                        let text = r.get(c).map_or("", String::as_str);
                        match typed_cell(text, col.kind) {
                            CellOut::Empty => json!({"t": "empty"}),
                            CellOut::Text(s) => json!({"t": "text", "s": s}),
                            CellOut::Money(f) => json!({"t": "money", "fen": f.0}),
                            CellOut::Integer(i) => json!({"t": "int", "v": i}),
                            CellOut::Percent(h) => json!({"t": "percent", "h": h}),
                            CellOut::Date(_) => json!({"t": "date", "iso": text}),
                            CellOut::Number(h) => json!({"t": "number", "h": h}),
                        }
                    }).collect::<Vec<_>>()
                }).collect::<Vec<_>>(),
            })
        })
        .collect();
    std::fs::write(expected, serde_json::to_string_pretty(&doc).unwrap()).expect("write json");
}

fn read(file: &str, sheet: usize, kinds: &str) {
    let kinds: Vec<CellKind> = kinds
        .split(',')
        .map(|k| match k {
            "text" => CellKind::Text,
            "integer" => CellKind::Integer,
            "money" => CellKind::Money,
            "percent" => CellKind::Percent,
            "date" => CellKind::Date,
            other => panic!("unknown kind {other}"),
        })
        .collect();
    let bytes = std::fs::read(file).expect("read file");
    let sheet = read_sheet(&bytes, sheet).unwrap_or_else(|e| panic!("{e:?}"));
    let rows: Vec<Vec<String>> = sheet
        .rows
        .iter()
        .map(|(_, cells)| {
            kinds
                .iter()
                .enumerate()
                .map(|(c, k)| cells.get(c).map_or(String::new(), |x| cell_text(x, *k)))
                .collect()
        })
        .collect();
    println!("{}", serde_json::to_string(&rows).unwrap());
}
