//! Writes a synthetic content tree for benchmarks: N roles and N articles
//! with realistic front matter, Markdown sections, tables and links, on top
//! of a real tree's registries and data files.
//!
//! ```sh
//! cargo run --release --bin gen_content -- 10000 /tmp/content-10k
//! ```
//!
//! The prose is filler built from a fixed word list; it exists to be parsed,
//! rendered and indexed, never to be read or published.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

const WORDS: &[&str] = &[
    "clinical",
    "systems",
    "records",
    "teams",
    "data",
    "quality",
    "workflow",
    "training",
    "reports",
    "projects",
    "patients",
    "staff",
    "standards",
    "review",
    "support",
    "analysis",
    "design",
    "testing",
    "changes",
    "measures",
];
const LEVELS: &[&str] = &["entry", "mid", "senior", "executive"];
const SOCS: &[(&str, &str)] = &[
    ("29-1141", "29-1141.00"),
    ("15-1211", "15-1211.01"),
    ("15-2051", "15-2051.02"),
    ("11-9111", "11-9111.00"),
    ("11-3021", "11-3021.00"),
];

/// A tiny deterministic generator, so every run writes the same tree.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn sentence(&mut self, words: usize) -> String {
        let mut s: Vec<&str> = (0..words).map(|_| WORDS[self.below(WORDS.len())]).collect();
        let first = s[0].to_string();
        let cap = first[..1].to_uppercase() + &first[1..];
        s[0] = &cap;
        format!("{}.", s.join(" "))
    }
    fn paragraph(&mut self) -> String {
        (0..5)
            .map(|_| self.sentence(12))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

fn role(i: usize, n: usize, rng: &mut Rng) -> String {
    let level = LEVELS[i * LEVELS.len() / n.max(1)];
    let (soc, onet) = SOCS[i % SOCS.len()];
    let mut s = format!(
        "+++\ntitle = \"Synthetic Role {i}\"\nsummary = \"{}\"\nlevel = \"{level}\"\nsoc = \"{soc}\"\n\
         soc_note = \"Synthetic role on a real code.\"\nonet = [\"{onet}\"]\nbackgrounds = [\"it\"]\n\
         skills = [\"analysis\", \"communication\"]\nsources = [\"bls-oews-2025\"]\nupdated = 2026-11-01\n\n\
         [education]\nminimum = \"bachelor\"\ntypical_years = [4, 6]\nyears_source = \"bls-oews-2025\"\n",
        rng.sentence(10)
    );
    for step in 1..=2 {
        let to = i + step * 7;
        if to < n {
            s.push_str(&format!(
                "\n[[transitions]]\nto = \"role-{to}\"\nsource = \"bls-oews-2025\"\nyears = [2, 4]\nrequires = \"{}\"\n",
                rng.sentence(8)
            ));
        }
    }
    s.push_str("+++\n\n");
    for (id, title) in [
        ("overview", "What the job is"),
        ("typical-day", "A typical day"),
        ("problems", "Problems they solve"),
        ("education", "Education"),
    ] {
        s.push_str(&format!(
            "## {title} {{#{id}}}\n\n{}\n\n{}\n\n",
            rng.paragraph(),
            rng.paragraph()
        ));
    }
    s.push_str(&format!(
        "See [the next role](/roles/role-{}/#salary) and [its sources](#references).\n",
        (i + 1) % n
    ));
    s
}

fn article(i: usize, n: usize, rng: &mut Rng) -> String {
    let mut s = format!(
        "+++\ntitle = \"Synthetic article {i}\"\nsummary = \"{}\"\npublished = 2026-{:02}-{:02}\n\
         author = \"editorial-team\"\ncategory = \"Category {}\"\ntags = [\"tag-{}\", \"tag-{}\"]\n\
         roles = [\"role-{}\"]\nsources = [\"bls-oews-2025\"]\n+++\n\n",
        rng.sentence(14),
        1 + i % 12,
        1 + i % 28,
        i % 8,
        i % 20,
        (i + 3) % 20,
        i % n.max(1)
    );
    for h in 0..4 {
        s.push_str(&format!(
            "## Section {h}\n\n{}\n\n### Detail {h}\n\n{}\n\n",
            rng.paragraph(),
            rng.paragraph()
        ));
    }
    s.push_str("| Area | Median |\n|---|---:|\n| National | $123,860 |\n\n");
    s.push_str(&format!(
        "Read [article {}](/articles/article-{}/).\n",
        (i + 1) % n,
        (i + 1) % n
    ));
    s
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(n), Some(out)) = (
        args.get(1).and_then(|a| a.parse::<usize>().ok()),
        args.get(2),
    ) else {
        eprintln!("usage: gen_content N OUT_DIR [SOURCE_CONTENT_DIR (default: content)]");
        std::process::exit(2);
    };
    let source = PathBuf::from(args.get(3).map(String::as_str).unwrap_or("content"));
    let out = PathBuf::from(out);
    if out.exists() {
        fs::remove_dir_all(&out)?;
    }
    copy_dir(&source, &out)?;
    for dir in ["roles", "articles"] {
        fs::remove_dir_all(out.join(dir))?;
        fs::create_dir_all(out.join(dir))?;
    }
    // Seeded rows that name the real pack's roles would not resolve here.
    for file in [
        "data/faqs.toml",
        "data/testimonials.toml",
        "data/figures.toml",
    ] {
        fs::write(out.join(file), "")?;
    }
    let site = fs::read_to_string(out.join("site.toml"))?;
    let site: String = site
        .lines()
        .map(|l| {
            if l.starts_with("key_findings") {
                "key_findings = []"
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    fs::write(out.join("site.toml"), site + "\n")?;
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for i in 0..n {
        let mut f = fs::File::create(out.join(format!("roles/role-{i}.md")))?;
        f.write_all(role(i, n, &mut rng).as_bytes())?;
        let mut f = fs::File::create(out.join(format!("articles/article-{i}.md")))?;
        f.write_all(article(i, n, &mut rng).as_bytes())?;
    }
    println!("wrote {n} roles and {n} articles to {}", out.display());
    Ok(())
}
