//! `nlkit sem parse|simplify` against NLTK, and on bad input: malformed
//! formulas (NLTK's message and position), deep nesting, invalid UTF-8.

mod common;
use common::{run_nlkit, run_nltk};

use nlkit::sem::logic::{Expression, MAX_DEPTH};

/// NLTK's answer per line, printed the way `nlkit sem` prints it.
const NLTK_LINES: &str = r#"
import sys
from nltk.sem import logic
from nltk.sem.logic import Expression
simplify = sys.argv[1] == "simplify"
for line in sys.stdin.read().split("\n")[:-1]:
    try:
        e = Expression.fromstring(line)
        print(e.simplify() if simplify else e)
    except logic.LogicalExpressionException as ex:
        ls = str(ex).split("\n")
        print("error: %s (at character %d)" % (ls[0], len(ls[-1]) - 1))
    except Exception as ex:
        print("error: " + str(ex).split("\n")[0])
"#;

const FORMULAS: &str = r#"\x.man(x)(john)
(\P.\Q.exists x.(P(x) & Q(x)))(\x.dog(x))(\x.bark(x))
(\x.exists y.love(x,y))(y)
(\x.\y.see(x,y))(y)(x)
\x y.sees(x,y)(a,b)
all x.(man(x) -> exists e.(walk(e) & agent(e,x)))
(\P.P(e))(\e1.run(e1))
(\F.F(x))(\y.(\x.P(x,y)))
P(x) & x=y & P(y)
a != b
-(p | q) <-> (-p & -q)
\P Q.exists x.(P(x) & Q(x))
iota x.king(x)
some x.forall y.(x = y)
p and q or not r implies s iff t
(man(x) & tall(x)
P(x) ->
x(john)
\walk.walk(x)
exists x -> y
P(x)Q(x)

((P(x) &) & Q(x))
)
"#;

fn compare(mode: &str) {
    let Some(want) = run_nltk(
        &NLTK_LINES.replace("sys.argv[1]", &format!("{mode:?}")),
        FORMULAS,
    ) else {
        return;
    };
    let (code, got, err) = run_nlkit(&["sem", mode], FORMULAS.as_bytes());
    assert_eq!(code, 0, "{err}");
    for (i, (w, g)) in want.lines().zip(got.lines()).enumerate() {
        assert_eq!(g, w, "line {}: {:?}", i + 1, FORMULAS.lines().nth(i));
    }
    assert_eq!(got.lines().count(), want.lines().count());
}

#[test]
fn parse_matches_nltk() {
    compare("parse");
}

#[test]
fn simplify_matches_nltk() {
    compare("simplify");
}

#[test]
fn malformed_formulas_report_nltk_messages() {
    let cases = [
        ("P(x", "End of input found.  Expected token ')'.\nP(x\n   ^"),
        (
            "P(x)Q(x)",
            "Unexpected token: 'Q'.\nP(x)Q(x)\n    ^",
        ),
        (
            "exists x -> y",
            "Unexpected token: '->'.  Expression expected.\nexists x -> y\n         ^",
        ),
        ("\\", "End of input found.  Variable and Expression expected following lambda operator.\n\\\n  ^"),
    ];
    for (input, want) in cases {
        let err = Expression::fromstring(input).unwrap_err().to_string();
        assert_eq!(err, want, "{input}");
    }
}

#[test]
fn errors_keep_the_run_going() {
    let (code, out, err) = run_nlkit(&["sem", "simplify"], b"P(x\nwalk(john)\n\n");
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines,
        [
            "error: End of input found.  Expected token ')'. (at character 3)",
            "walk(john)",
            "error: End of input found.  Expression expected. (at character 0)",
        ]
    );
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let n = 100_000;
    let inputs = [
        "-".repeat(n) + "p",
        "(".repeat(n) + "p" + &")".repeat(n),
        "P(".repeat(n) + "x" + &")".repeat(n),
        r"\x.".repeat(n) + "x",
        vec!["p"; n].join(" & "),
        format!(
            "\\{}.p",
            (0..n)
                .map(|i| format!("x{i}"))
                .collect::<Vec<_>>()
                .join(" ")
        ),
        format!("P({})", vec!["a"; n].join(",")),
    ];
    for input in &inputs {
        let err = Expression::fromstring(input).unwrap_err().to_string();
        assert!(
            err.starts_with("Expression nesting exceeds the maximum depth"),
            "{}",
            &err[..80.min(err.len())]
        );
    }
    // the CLI answers each such line with one error line
    let text = inputs.join("\n") + "\n";
    let (code, out, err) = run_nlkit(&["sem", "simplify"], text.as_bytes());
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), inputs.len());
    assert!(out
        .lines()
        .all(|l| l.starts_with("error: Expression nesting")));
}

/// Runs `f` on a thread with half the default test-thread stack (1 MiB),
/// so the deepest expressions are shown to fit with room to spare.
fn on_small_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(f)
        .unwrap()
        .join()
        .expect("no stack overflow");
}

#[test]
fn deepest_allowed_expressions_work() {
    on_small_stack(|| {
        // a lambda with MAX_DEPTH - 1 variables over one variable: as deep as allowed
        let vars: Vec<String> = (0..MAX_DEPTH - 1).map(|i| format!("x{i}")).collect();
        let s = format!("\\{}.x0", vars.join(" "));
        let e = Expression::fromstring(&s).expect("parses");
        assert_eq!(e.depth(), MAX_DEPTH);
        assert_eq!(e.to_string(), s);
        assert_eq!(e.simplify().unwrap().to_string(), s);
        assert!(e.equals(&e.simplify().unwrap()));
        assert_eq!(e.normalize().unwrap().depth(), MAX_DEPTH);
        assert_eq!(e.free().len(), 0);
        // applying it to an argument is one level too deep
        assert!(Expression::fromstring(&format!("({s})(y)")).is_err());
        // nested reducible applications: simplify walks the spine while
        // each reduction substitutes into what is below it
        let n = (MAX_DEPTH - 2) / 3;
        let mut body = format!(
            "P({})",
            (0..n)
                .map(|i| format!("x{i}"))
                .collect::<Vec<_>>()
                .join(",")
        );
        for i in (0..n).rev() {
            body = format!("(\\x{i}.{body})(a{i})");
        }
        let e = Expression::fromstring(&body);
        // NLTK's parser refuses this nesting (depth 200); build it directly instead
        assert!(e.is_err());
        let mut e = Expression::variable("P");
        for i in 0..n {
            e = e.apply(&Expression::variable(&format!("x{i}"))).unwrap();
        }
        for i in (0..n).rev() {
            let lam = Expression::new(nlkit::sem::logic::Expr::Binder(
                nlkit::sem::logic::Binder::Lambda,
                nlkit::sem::logic::Variable::new(&format!("x{i}")),
                e,
            ))
            .unwrap();
            e = lam.apply(&Expression::variable(&format!("a{i}"))).unwrap();
        }
        let r = e.simplify().unwrap();
        assert!(r.to_string().starts_with("P(a0,a1,"));
    });
}

#[test]
fn invalid_utf8_is_a_clear_failure() {
    let (code, _, err) = run_nlkit(&["sem", "parse"], b"P(x)\n\xff\xfe\n");
    assert_eq!(code, 1);
    assert!(err.starts_with("nlkit: "), "{err}");
    assert!(err.contains("UTF-8"), "{err}");
}
