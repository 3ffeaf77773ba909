//! Micro-benchmarks of the content pipeline and page rendering:
//! `cargo bench --bench pipeline`.

use actix_web::test as atest;
use careers::commands::serve::prepare;
use careers::config::Cli;
use careers::content::role::RoleFrontMatter;
use careers::content::{self, LoadOptions, front_matter, markdown};
use clap::Parser;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;

fn markdown_and_front_matter(c: &mut Criterion) {
    let article = std::fs::read_to_string("content/articles/what-the-2025-wage-data-says.md")
        .expect("article");
    let role =
        std::fs::read_to_string("content/roles/health-information-manager.md").expect("role");
    let path = Path::new("roles/health-information-manager.md");
    c.bench_function("markdown: render an article", |b| {
        b.iter(|| markdown::render(black_box(&article)))
    });
    c.bench_function("markdown: render a role body as sections", |b| {
        b.iter(|| markdown::render_sections(black_box(&role)))
    });
    c.bench_function("front matter: split and parse a role", |b| {
        b.iter(|| {
            let split = front_matter::split(path, black_box(&role)).expect("fences");
            front_matter::parse::<RoleFrontMatter>(path, split.toml, split.toml_line)
                .expect("parses")
        })
    });
    c.bench_function("content: load the whole pack", |b| {
        b.iter(|| content::load(Path::new("content"), LoadOptions::default()).expect("loads"))
    });
}

fn page_rendering(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("bench.sqlite3");
    let cli = Cli::parse_from(["careers", "--database", db.to_str().expect("utf-8 path")]);
    let args = cli.serve;
    let state = actix_web::web::Data::new(prepare(&args).expect("prepares"));
    let rt = actix_web::rt::System::new();
    let app = rt.block_on(atest::init_service(careers::web::app(state)));
    for path in [
        "/roles/health-information-manager/",
        "/articles/cmio-or-cio/",
        "/",
    ] {
        c.bench_function(&format!("page: render {path}"), |b| {
            b.iter(|| {
                rt.block_on(async {
                    let res =
                        atest::call_service(&app, atest::TestRequest::get().uri(path).to_request())
                            .await;
                    assert!(res.status().is_success());
                    atest::read_body(res).await
                })
            })
        });
    }
}

criterion_group!(benches, markdown_and_front_matter, page_rendering);
criterion_main!(benches);
