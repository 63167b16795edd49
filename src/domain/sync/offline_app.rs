//! Which browsers get the app that opens offline (issue 28): the service worker is left
//! out where it is missing or known to misbehave, judged from the user-agent string.
//!
//! - iPhone / iPad in-app browsers (WeChat's `MicroMessenger`, QQ, Weibo, DingTalk, Feishu /
//!   Lark, Alipay, Douyin, Facebook, Instagram, LINE, and any WKWebView that does not call
//!   itself Safari): a third-party app's WKWebView has no service worker (Apple keeps them
//!   for Safari and apps with app-bound domains), or a half-working one.
//! - Android's X5 / TBS engine (WeChat and QQ before their XWeb engine, QQ browser's
//!   `MQQBrowser` core): its service worker is an old Chromium's, with caches dropped by the
//!   host app; a stale shell there would be worse than none.
//!
//! Everywhere else the page's own feature test decides (`'serviceWorker' in navigator`,
//! a secure context): `state::offline`.

/// Tokens of iOS in-app browsers (see the module comment).
const IOS_IN_APP: [&str; 12] = [
    "MicroMessenger",
    "QQ/",
    "Weibo",
    "DingTalk",
    "Lark",
    "Feishu",
    "AliApp",
    "aweme",
    "FBAN",
    "FBAV",
    "Instagram",
    " Line/",
];

/// Whether the browser with this user-agent string should register the service worker.
pub fn service_worker_suits(user_agent: &str) -> bool {
    let ios = ["iPhone", "iPad", "iPod"]
        .iter()
        .any(|d| user_agent.contains(d));
    if ios {
        // Safari says `Safari/`; an app's WKWebView does not, unless it is one of the
        // in-app browsers above that copy Safari's string.
        let in_app = IOS_IN_APP.iter().any(|t| user_agent.contains(t));
        return !in_app && user_agent.contains("Safari/");
    }
    // Android WeChat / QQ on the X5 engine.
    !(user_agent.contains("TBS/") || user_agent.contains("MQQBrowser"))
}

#[cfg(test)]
mod tests {
    use super::service_worker_suits;

    #[test]
    fn wechat_and_other_ios_webviews_are_left_alone() {
        let wechat_ios = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI Language/zh_CN";
        assert!(!service_worker_suits(wechat_ios));
        let weibo = "Mozilla/5.0 (iPhone; CPU iPhone OS 16_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Weibo (iPhone14,2__weibo__12.9.0__iphone__os16.0)";
        assert!(!service_worker_suits(weibo));
        let dingtalk = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 AliApp(DingTalk/7.5.0) Safari/604.1";
        assert!(!service_worker_suits(dingtalk));
        // An unnamed app's WKWebView: no `Safari/` token.
        let webview = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148";
        assert!(!service_worker_suits(webview));
    }

    #[test]
    fn x5_engine_on_android_is_left_alone() {
        let wechat_x5 = "Mozilla/5.0 (Linux; Android 10; V1990A Build/QP1A.190711.020; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/66.0.3359.126 MQQBrowser/6.2 TBS/045332 Mobile Safari/537.36 MMWEBID/6868 MicroMessenger/7.0.22.1820(0x27001636) Process/tools WeChat/arm64 NetType/WIFI Language/zh_CN ABI/arm64";
        assert!(!service_worker_suits(wechat_x5));
    }

    #[test]
    fn browsers_with_working_service_workers_register() {
        let safari = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
        assert!(service_worker_suits(safari));
        // WeChat on Android's XWeb engine (a current Chromium) keeps its service worker.
        let wechat_xweb = "Mozilla/5.0 (Linux; Android 14; 23127PN0CC Build/UKQ1.230804.001; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MMWEBID/2247 MicroMessenger/8.0.47.2560(0x28002F35) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64";
        assert!(service_worker_suits(wechat_xweb));
        let chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
        assert!(service_worker_suits(chrome));
        let firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
        assert!(service_worker_suits(firefox));
    }
}
