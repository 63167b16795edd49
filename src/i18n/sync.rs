//! The words for a backend problem.

use super::{Lang, Msg};
use crate::domain::sync::problem::Problem;

pub fn problem_message(problem: Problem, lang: Lang) -> String {
    let with_code = |msg: Msg, code: u16| lang.t(msg).replace("{}", &code.to_string());
    match problem {
        Problem::Offline => lang.t(Msg::ProblemOffline).into(),
        Problem::Unreachable => lang.t(Msg::ProblemUnreachable).into(),
        Problem::Cors => lang.t(Msg::ProblemCors).into(),
        Problem::MixedContent => lang.t(Msg::ProblemMixedContent).into(),
        Problem::Unauthorized(code) => with_code(Msg::ProblemUnauthorized, code),
        Problem::NotFound => lang.t(Msg::ProblemNotFound).into(),
        Problem::Server(code) => with_code(Msg::ProblemServer, code),
        Problem::Unexpected(code) => with_code(Msg::ProblemUnexpected, code),
        Problem::Timeout => lang.t(Msg::ProblemTimeout).into(),
        Problem::NotJson => lang.t(Msg::ProblemNotJson).into(),
        Problem::WrongShape => lang.t(Msg::ProblemWrongShape).into(),
        Problem::BadSettings => lang.t(Msg::BackendBadUrl).into(),
        Problem::NoDatabase => lang.t(Msg::ProblemNoDatabase).into(),
        Problem::NotCouch => lang.t(Msg::ProblemNotCouch).into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_has_plain_words_in_both_languages() {
        let all = [
            Problem::Offline,
            Problem::Unreachable,
            Problem::Cors,
            Problem::MixedContent,
            Problem::Unauthorized(401),
            Problem::NotFound,
            Problem::Server(503),
            Problem::Unexpected(418),
            Problem::Timeout,
            Problem::NotJson,
            Problem::WrongShape,
            Problem::BadSettings,
            Problem::NoDatabase,
            Problem::NotCouch,
        ];
        for p in all {
            for lang in [Lang::Zh, Lang::En] {
                assert!(!problem_message(p, lang).contains("{}"), "{p:?}");
            }
        }
        assert!(problem_message(Problem::Server(503), Lang::En).contains("503"));
        assert!(problem_message(Problem::MixedContent, Lang::Zh).contains("https"));
        assert!(problem_message(Problem::Cors, Lang::En).contains("CORS"));
    }
}
