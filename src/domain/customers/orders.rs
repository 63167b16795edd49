//! An orders export (POS, mini-program, e-shop) read for customer analysis: customer id
//! or phone, order date, amount, channel online / offline, optional store.
//!
//! Files can hold a million rows, so [`OrdersReader`] reads a bounded number of rows per
//! call (the page calls it between turns of the event loop). Columns are found by
//! header name in either language ([`open_with_columns`]); without a recognised header the
//! columns are taken in the order customer, date, amount, channel, store. A row that
//! cannot be read is kept in the list of bad rows with its line and reason, never
//! silently dropped.
//!
//! Orders are analysis data: they stay in memory and are never part of the plan.

use crate::domain::formats::csv::{restore, Cells, CsvReader};
use crate::domain::formats::stepped_read::{
    csv_progress, keep_bad, open_with_columns, ColumnsError, Progress, SteppedRead,
};
use crate::domain::values::entry::InputError;
use crate::domain::values::money::Fen;
use crate::domain::values::names::Names;

/// The columns of an orders file, in the order taken when there is no header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderColumn {
    Customer,
    Date,
    Amount,
    Channel,
    Store,
}

pub const ORDER_COLUMNS: [OrderColumn; 5] = [
    OrderColumn::Customer,
    OrderColumn::Date,
    OrderColumn::Amount,
    OrderColumn::Channel,
    OrderColumn::Store,
];

/// Accepted header texts per column (compared trimmed, case-insensitively).
fn header_names() -> Vec<Vec<&'static str>> {
    vec![
        vec![
            "客户",
            "客户id",
            "客户编号",
            "会员",
            "会员id",
            "会员号",
            "手机",
            "手机号",
            "手机号码",
            "电话",
            "用户id",
            "customer",
            "customer id",
            "customer_id",
            "customerid",
            "member",
            "member id",
            "member_id",
            "phone",
            "mobile",
            "user id",
            "user_id",
        ],
        vec![
            "日期",
            "下单日期",
            "下单时间",
            "订单日期",
            "订单时间",
            "消费日期",
            "消费时间",
            "交易时间",
            "date",
            "order date",
            "order_date",
            "time",
            "order time",
            "created",
        ],
        vec![
            "金额",
            "订单金额",
            "实付",
            "实付金额",
            "消费金额",
            "支付金额",
            "amount",
            "order amount",
            "total",
            "paid",
            "spend",
            "value",
        ],
        vec![
            "渠道",
            "线上线下",
            "类型",
            "channel",
            "type",
            "online/offline",
        ],
        vec!["门店", "店铺", "门店名称", "store", "shop"],
    ]
}

/// Where an order was placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Channel {
    Online,
    Offline,
}

/// Reads a channel cell: online / offline in either language and the usual synonyms.
pub fn parse_channel(text: &str) -> Option<Channel> {
    // Read on every row of a million-row file: compared without allocating.
    const ONLINE: [&str; 9] = [
        "online",
        "on",
        "线上",
        "网上",
        "网店",
        "电商",
        "小程序",
        "商城",
        "app",
    ];
    const OFFLINE: [&str; 8] = [
        "offline",
        "off",
        "线下",
        "门店",
        "店内",
        "实体店",
        "pos",
        "store",
    ];
    let t = text.trim();
    let is = |words: &[&str]| words.iter().any(|w| t.eq_ignore_ascii_case(w));
    if is(&ONLINE) {
        Some(Channel::Online)
    } else if is(&OFFLINE) {
        Some(Channel::Offline)
    } else {
        None
    }
}

/// One order. The customer and store are ids into [`Orders::customers`] and
/// [`Orders::stores`]; 24 bytes, so a million orders fit easily in a browser tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Order {
    pub customer: u32,
    /// Days since 0001-01-01 (chrono's `num_days_from_ce`).
    pub day: i32,
    pub amount: Fen,
    /// `None` when the file has no channel column or the cell is empty.
    pub channel: Option<Channel>,
    pub store: Option<u32>,
}

impl Order {
    /// A refund row (a negative amount, as exports write returns) is not a purchase: it
    /// counts in no order count, frequency, repurchase or first / last purchase day; its
    /// amount is still subtracted from the customer's spend (net spend).
    pub fn is_refund(&self) -> bool {
        self.amount.0 < 0
    }
}

/// Why one row was not taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrderRowError {
    MissingCustomer,
    /// The date cell, as found.
    BadDate(String),
    /// The amount cell, as found, and why.
    BadAmount(String, InputError),
    /// The channel cell, as found: neither online nor offline.
    BadChannel(String),
}

/// A row not taken, with the physical line it starts on (1-based, header included).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadOrderRow {
    pub line: usize,
    pub reason: OrderRowError,
}

/// Why the file cannot be read as orders at all: empty, or without the required columns
/// (customer, date, amount).
pub type OrdersHeaderError = ColumnsError<OrderColumn>;

/// A fully read orders file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Orders {
    pub orders: Vec<Order>,
    /// Customer keys as found in the file (phones included: show them through
    /// [`super::mask::mask_id`]).
    pub customers: Vec<String>,
    pub stores: Vec<String>,
    /// Bad rows, the first [`crate::domain::formats::stepped_read::BAD_ROWS_KEPT`]; `bad_total` counts them all.
    pub bad: Vec<BadOrderRow>,
    pub bad_total: usize,
    /// Data rows read, good and bad.
    pub rows: usize,
    /// Whether the file has a channel column.
    pub has_channel: bool,
}

/// Reads an orders file a chunk at a time.
#[derive(Debug)]
pub struct OrdersReader {
    csv: CsvReader<'static>,
    /// Field index of each [`OrderColumn`], if present.
    cols: [Option<usize>; 5],
    /// Interned as read (no allocation per row); [`Orders`] gets them as strings at the end.
    customers: Names,
    stores: Names,
    out: Orders,
}

impl OrdersReader {
    /// Reads the header from decoded `text` (the delimiter is guessed from it).
    pub fn new(text: String) -> Result<OrdersReader, OrdersHeaderError> {
        let opened = open_with_columns(text, ORDER_COLUMNS, &header_names(), 3)?;
        let mut reader = OrdersReader {
            csv: opened.csv,
            cols: opened.cols,
            customers: Names::default(),
            stores: Names::default(),
            out: Orders {
                has_channel: opened.cols[3].is_some(),
                ..Orders::default()
            },
        };
        if let Some(first) = opened.first_row {
            reader.take(first.line, first.fields.as_slice());
        }
        Ok(reader)
    }

    fn take(&mut self, line: usize, fields: &(impl Cells + ?Sized)) {
        self.out.rows += 1;
        if let Err(reason) = self.read_row(fields) {
            let bad = BadOrderRow { line, reason };
            keep_bad(&mut self.out.bad, &mut self.out.bad_total, bad);
        }
    }

    fn read_row(&mut self, fields: &(impl Cells + ?Sized)) -> Result<(), OrderRowError> {
        let cell = |c: usize| {
            self.cols[c]
                .and_then(|i| fields.cell(i))
                .map(|s| restore(s.trim()))
                .unwrap_or("")
        };
        let customer = cell(0);
        if customer.is_empty() {
            return Err(OrderRowError::MissingCustomer);
        }
        let date = cell(1);
        let day = parse_day(date).ok_or_else(|| OrderRowError::BadDate(date.to_string()))?;
        let amount_text = cell(2);
        let amount = Fen::parse_export(amount_text)
            .map_err(|e| OrderRowError::BadAmount(amount_text.into(), e))?;
        let channel_text = cell(3);
        let channel = if channel_text.is_empty() {
            None
        } else {
            Some(
                parse_channel(channel_text)
                    .ok_or_else(|| OrderRowError::BadChannel(channel_text.into()))?,
            )
        };
        let store_text = cell(4);
        let store = (!store_text.is_empty()).then(|| self.stores.intern(store_text));
        let customer = self.customers.intern(customer);
        self.out.orders.push(Order {
            customer,
            day,
            amount,
            channel,
            store,
        });
        Ok(())
    }
}

impl SteppedRead for OrdersReader {
    type Out = Orders;

    fn step(&mut self, max_rows: usize) -> Progress {
        // The rows are taken as the file is read: the file is lent out meanwhile.
        let mut csv = std::mem::take(&mut self.csv);
        csv.for_each(max_rows, |line, fields| self.take(line, &fields));
        self.csv = csv;
        csv_progress(&self.csv, self.out.rows)
    }

    fn finish(mut self) -> Orders {
        while !self.step(100_000).finished {}
        self.out.customers = self.customers.iter().map(str::to_string).collect();
        self.out.stores = self.stores.iter().map(str::to_string).collect();
        self.out
    }
}

/// Reads the whole of `text` (tests and the bench; the page reads in steps).
pub fn read_orders(text: &str) -> Result<Orders, OrdersHeaderError> {
    Ok(OrdersReader::new(text.to_string())?.finish())
}

/// An order date as days since 0001-01-01: `2026-03-05`, `2026/3/5`, `2026.3.5`,
/// `20260305`, `2026年3月5日`, each optionally followed by a time (` 14:30:00` or
/// `T14:30`), which is ignored: recency is counted in whole days.
pub fn parse_day(text: &str) -> Option<i32> {
    use chrono::Datelike;
    let t = text.trim();
    if let Some(day) = iso_day(t.as_bytes()) {
        return day;
    }
    let date = t.split([' ', 'T']).next().unwrap_or("");
    let (y, m, d) = if date.len() == 8 && date.bytes().all(|b| b.is_ascii_digit()) {
        (&date[..4], &date[4..6], &date[6..])
    } else {
        let mut parts = date.split(['-', '/', '.', '年', '月', '日']);
        let y = parts.next()?;
        let m = parts.next()?;
        let d = parts.next()?;
        if parts.any(|p| !p.is_empty()) {
            return None;
        }
        (y, m, d)
    };
    let ok = |p: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
    };
    if !ok(y, 4..=4) || !ok(m, 1..=2) || !ok(d, 1..=2) {
        return None;
    }
    chrono::NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
        .map(|d| d.num_days_from_ce())
}

/// `YYYY-MM-DD`, alone or before a time (the shape nearly every export writes), read
/// without splitting or parsing strings: `Some(day)` when the text has that shape (the
/// day `None` if no such date), `None` to leave the text to the general path.
fn iso_day(b: &[u8]) -> Option<Option<i32>> {
    if b.len() < 10
        || b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b.get(10), None | Some(b' ' | b'T'))
    {
        return None;
    }
    let mut n = [0i32; 3];
    for (v, range) in n.iter_mut().zip([0..4, 5..7, 8..10]) {
        for &c in &b[range] {
            if !c.is_ascii_digit() {
                return None;
            }
            *v = *v * 10 + i32::from(c - b'0');
        }
    }
    let [y, m, d] = n;
    // Year 0 (1 BC) is left to chrono: the formula below counts from year 1.
    (y > 0).then(|| days_from_ce(y, m, d))
}

/// Days since 0001-01-01 (day 1, as chrono's `num_days_from_ce`) of a valid date.
fn days_from_ce(y: i32, m: i32, d: i32) -> Option<i32> {
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days_in_month = match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => return None,
    };
    if !(1..=days_in_month).contains(&d) {
        return None;
    }
    // Days before March 1st of year y (March-based years put the leap day last).
    let (y, m) = if m <= 2 { (y - 1, m + 9) } else { (y, m - 3) };
    let days = 365 * y + y / 4 - y / 100 + y / 400 + (153 * m + 2) / 5 + d;
    Some(days - 306)
}

/// A day number back to a date.
pub fn day_date(day: i32) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::from_num_days_from_ce_opt(day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_days_match_chrono() {
        use chrono::Datelike;
        let mut date = chrono::NaiveDate::from_ymd_opt(1, 1, 1).unwrap();
        while date.year() < 2101 {
            let text = date.format("%Y-%m-%d").to_string();
            assert_eq!(
                iso_day(text.as_bytes()),
                Some(Some(date.num_days_from_ce())),
                "{text}"
            );
            date = date + chrono::Days::new(if date.year() < 1890 { 97 } else { 1 });
        }
        assert_eq!(iso_day(b"0000-01-01"), None);
        assert_eq!(parse_day("0000-01-01"), Some(-365));
        for bad in ["2026-02-29", "2026-13-01", "2026-00-10", "2024-04-31"] {
            assert_eq!(iso_day(bad.as_bytes()), Some(None), "{bad}");
            assert_eq!(parse_day(bad), None, "{bad}");
        }
        assert_eq!(parse_day("2024-02-29 23:59"), parse_day("2024/2/29"));
    }

    #[test]
    fn dates_in_the_forms_exports_use() {
        let d = parse_day("2026-03-05").unwrap();
        for t in [
            "2026/3/5",
            "2026.03.05",
            "20260305",
            "2026年3月5日",
            "2026-03-05 14:30:00",
            "2026-03-05T14:30",
        ] {
            assert_eq!(parse_day(t), Some(d), "{t}");
        }
        assert_eq!(parse_day("2026-02-30"), None);
        assert_eq!(parse_day("05/03/2026"), None);
        assert_eq!(parse_day("soon"), None);
        assert_eq!(parse_day("2026-03-05-01"), None);
        assert_eq!(
            day_date(d)
                .map(crate::domain::values::entry::iso_date)
                .as_deref(),
            Some("2026-03-05")
        );
    }

    #[test]
    fn bad_rows_are_listed_with_line_and_reason() {
        let text = "手机号,下单日期,实付金额,渠道,门店\n\
            13812341234,2026-03-01,\"1,280.50\",线上,\n\
            ,2026-03-01,10,线下,A店\n\
            13812341234,2026-13-01,10,线下,A店\n\
            c2,2026-03-02,ten,offline,A店\n\
            c2,2026-03-02,1.234,offline,A店\n\
            c2,2026-03-02,20,wechat,A店\n\
            c2,2026-03-03,20,offline,A店\n\
            c3,2026-03-03,-5,,\n";
        let o = read_orders(text).unwrap();
        assert_eq!(o.rows, 8);
        assert_eq!(o.orders.len(), 3);
        assert_eq!(o.customers, ["13812341234", "c2", "c3"]);
        assert_eq!(o.stores, ["A店"]);
        assert_eq!(o.orders[0].amount, Fen(128_050));
        assert_eq!(o.orders[0].channel, Some(Channel::Online));
        assert_eq!(o.orders[0].store, None);
        assert_eq!(o.orders[1].channel, Some(Channel::Offline));
        // A refund is an order with a negative amount; no channel is no channel.
        assert_eq!((o.orders[2].amount, o.orders[2].channel), (Fen(-500), None));
        assert_eq!(o.bad_total, 5);
        assert_eq!(
            o.bad,
            [
                BadOrderRow {
                    line: 3,
                    reason: OrderRowError::MissingCustomer
                },
                BadOrderRow {
                    line: 4,
                    reason: OrderRowError::BadDate("2026-13-01".into())
                },
                BadOrderRow {
                    line: 5,
                    reason: OrderRowError::BadAmount("ten".into(), InputError::NotANumber)
                },
                BadOrderRow {
                    line: 6,
                    reason: OrderRowError::BadAmount("1.234".into(), InputError::TooManyDecimals)
                },
                BadOrderRow {
                    line: 7,
                    reason: OrderRowError::BadChannel("wechat".into())
                },
            ]
        );
        assert!(o.has_channel);
    }

    #[test]
    fn headers_in_english_any_order_and_no_header() {
        let o = read_orders("Amount;Date;Customer ID\n99;2026-01-01;A\n").unwrap();
        assert_eq!((o.orders.len(), o.has_channel), (1, false));
        assert_eq!(o.orders[0].amount, Fen(9_900));
        // No recognised header: customer, date, amount, channel in that order.
        let o = read_orders("A,2026-01-01,5,online\nB,2026-01-02,6,offline\n").unwrap();
        assert_eq!(o.orders.len(), 2);
        assert_eq!(o.orders[1].channel, Some(Channel::Offline));
        assert_eq!(
            read_orders("客户,备注\nA,x\n"),
            Err(OrdersHeaderError::Missing(vec![
                OrderColumn::Date,
                OrderColumn::Amount
            ]))
        );
        assert_eq!(read_orders("\n\n"), Err(OrdersHeaderError::Empty));
    }
}
