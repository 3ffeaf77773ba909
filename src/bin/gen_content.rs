//! Writes a synthetic content tree for benchmarks: N roles and N articles
//! with realistic front matter, Markdown sections, tables and links, on top
//! of a real pack's registries and data files (its occupation codes, a
//! background, a source and an author are taken from the pack itself).
//!
//! ```sh
//! cargo run --release --bin gen_content -- 10000 /tmp/content-10k [PACK_DIR]
//! ```
//!
//! The prose is filler: words drawn from a vocabulary of 20,000 made-up
//! words with Zipf-distributed frequencies, as real text has, so a search
//! word matches some documents rather than all. It exists to be parsed,
//! rendered and indexed, never to be read or published.

use careers::content::{LoadOptions, load};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

const LEVELS: &[&str] = &["entry", "mid", "senior", "executive"];
/// Words in the vocabulary.
const VOCABULARY: usize = 20_000;
/// The Zipf exponent of English word frequencies, roughly.
const ZIPF: f64 = 1.07;

/// A tiny deterministic generator, so every run writes the same tree.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    /// A float in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// The vocabulary and the cumulative Zipf weights of its words.
struct Words {
    words: Vec<String>,
    cumulative: Vec<f64>,
}

impl Words {
    fn new() -> Words {
        const ONSETS: &[&str] = &[
            "b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "tr", "st",
            "pl",
        ];
        const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ai", "ou"];
        const CODAS: &[&str] = &["", "n", "r", "s", "t", "l", "nd", "rk"];
        let syllable = |k: usize| {
            let o = ONSETS[k % ONSETS.len()];
            let v = VOWELS[(k / ONSETS.len()) % VOWELS.len()];
            let c = CODAS[(k / (ONSETS.len() * VOWELS.len())) % CODAS.len()];
            format!("{o}{v}{c}")
        };
        let per = ONSETS.len() * VOWELS.len() * CODAS.len();
        let words: Vec<String> = (0..VOCABULARY)
            .map(|i| {
                // Frequent words are short, as in real text.
                if i < per {
                    syllable(i)
                } else {
                    format!("{}{}", syllable(i % per), syllable(i / per))
                }
            })
            .collect();
        let mut total = 0.0;
        let cumulative = (1..=VOCABULARY)
            .map(|rank| {
                total += 1.0 / (rank as f64).powf(ZIPF);
                total
            })
            .collect();
        Words { words, cumulative }
    }

    fn pick(&self, rng: &mut Rng) -> &str {
        let x = rng.unit() * self.cumulative[VOCABULARY - 1];
        let i = self.cumulative.partition_point(|c| *c < x);
        &self.words[i.min(VOCABULARY - 1)]
    }

    fn sentence(&self, rng: &mut Rng, n: usize) -> String {
        let words: Vec<&str> = (0..n).map(|_| self.pick(rng)).collect();
        let first = words[0];
        let cap = first[..1].to_uppercase() + &first[1..];
        format!("{cap} {}.", words[1..].join(" "))
    }

    fn paragraph(&self, rng: &mut Rng) -> String {
        (0..5)
            .map(|_| self.sentence(rng, 12))
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

/// What the synthetic pages borrow from the real pack.
struct Pack {
    /// (SOC code, profile code) pairs the pack has data for.
    codes: Vec<(String, Option<String>)>,
    background: String,
    source: String,
    author: String,
}

fn role(i: usize, n: usize, pack: &Pack, w: &Words, rng: &mut Rng) -> String {
    let level = LEVELS[i * LEVELS.len() / n.max(1)];
    let (soc, profile) = &pack.codes[i % pack.codes.len()];
    let onet = profile
        .as_ref()
        .map(|p| format!("onet = [\"{p}\"]\n"))
        .unwrap_or_default();
    let mut s = format!(
        "+++\ntitle = \"Synthetic Role {i}\"\nsummary = \"{}\"\nlevel = \"{level}\"\nsoc = \"{soc}\"\n\
         soc_note = \"Synthetic role on a real code.\"\n{onet}backgrounds = [\"{}\"]\n\
         skills = [\"analysis\", \"communication\"]\nsources = [\"{}\"]\nupdated = 2026-11-01\n\n\
         [pay]\nheadline = \"code-median\"\nwhy = \"Synthetic.\"\n\n\
         [education]\nminimum = \"bachelor\"\ntypical_years = [4, 6]\nyears_source = \"{}\"\n",
        w.sentence(rng, 10),
        pack.background,
        pack.source,
        pack.source,
    );
    for step in 1..=2 {
        let to = i + step * 7;
        if to < n {
            s.push_str(&format!(
                "\n[[transitions]]\nto = \"role-{to}\"\nsource = \"{}\"\nyears = [2, 4]\nrequires = \"{}\"\n",
                pack.source,
                w.sentence(rng, 8)
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
            w.paragraph(rng),
            w.paragraph(rng)
        ));
    }
    s.push_str(&format!(
        "See [the next role](/roles/role-{}/#salary) and [its sources](#references).\n",
        (i + 1) % n
    ));
    s
}

fn article(i: usize, n: usize, pack: &Pack, w: &Words, rng: &mut Rng) -> String {
    let mut s = format!(
        "+++\ntitle = \"Synthetic article {i}\"\nsummary = \"{}\"\npublished = 2025-{:02}-{:02}\n\
         author = \"{}\"\ncategory = \"Category {}\"\ntags = [\"tag-{}\", \"tag-{}\"]\n\
         roles = [\"role-{}\"]\nsources = [\"{}\"]\n+++\n\n",
        w.sentence(rng, 14),
        1 + i % 12,
        1 + i % 28,
        pack.author,
        i % 8,
        i % 20,
        (i + 3) % 20,
        i % n.max(1),
        pack.source,
    );
    for h in 0..4 {
        s.push_str(&format!(
            "## Section {h}\n\n{}\n\n### Detail {h}\n\n{}\n\n",
            w.paragraph(rng),
            w.paragraph(rng)
        ));
    }
    s.push_str("| Area | Median |\n|---|---:|\n| National | $61,000 |\n\n");
    s.push_str(&format!(
        "Read [article {}](/articles/article-{}/).\n",
        (i + 1) % n,
        (i + 1) % n
    ));
    s
}

/// Reads what the synthetic pages need from the pack at `source`.
fn pack(source: &Path) -> Result<Pack, String> {
    let site = load(source, LoadOptions::default()).map_err(|e| e.to_string())?;
    let mut codes: Vec<(String, Option<String>)> = site
        .roles
        .iter()
        .filter(|r| site.data.national(&r.fm.soc).is_some())
        .map(|r| (r.fm.soc.clone(), r.fm.onet.first().cloned()))
        .collect();
    codes.sort();
    codes.dedup();
    let first = |v: Option<&String>, what: &str| {
        v.cloned()
            .ok_or_else(|| format!("the pack at {} has no {what}", source.display()))
    };
    if codes.is_empty() {
        return Err(format!(
            "no role of the pack at {} has wage figures",
            source.display()
        ));
    }
    Ok(Pack {
        codes,
        background: first(site.info.background.first().map(|b| &b.id), "background")?,
        source: first(site.sources.keys().next(), "source")?,
        author: first(site.authors.keys().next(), "author")?,
    })
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(n), Some(out)) = (
        args.get(1).and_then(|a| a.parse::<usize>().ok()),
        args.get(2),
    ) else {
        eprintln!("usage: gen_content N OUT_DIR [PACK_DIR (default: content)]");
        std::process::exit(2);
    };
    let source = PathBuf::from(args.get(3).map(String::as_str).unwrap_or("content"));
    let pack = pack(&source).unwrap_or_else(|e| {
        eprintln!("gen_content: {e}");
        std::process::exit(1);
    });
    let out = PathBuf::from(out);
    if out.exists() {
        fs::remove_dir_all(&out)?;
    }
    copy_dir(&source, &out)?;
    for dir in ["roles", "articles"] {
        fs::remove_dir_all(out.join(dir))?;
        fs::create_dir_all(out.join(dir))?;
    }
    // The pack's programs name its own roles, which this tree has not.
    if out.join("programs").exists() {
        fs::remove_dir_all(out.join("programs"))?;
    }
    // Seeded rows that name the pack's own roles would not resolve here.
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
    let words = Words::new();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for i in 0..n {
        let mut f = fs::File::create(out.join(format!("roles/role-{i}.md")))?;
        f.write_all(role(i, n, &pack, &words, &mut rng).as_bytes())?;
        let mut f = fs::File::create(out.join(format!("articles/article-{i}.md")))?;
        f.write_all(article(i, n, &pack, &words, &mut rng).as_bytes())?;
    }
    println!("wrote {n} roles and {n} articles to {}", out.display());
    Ok(())
}
