//! The Agencies screen at national scale: the time from a keystroke's message in the search
//! box to the new view built and laid out, with 18,000 agencies (`g287 demo --agencies 18000`).
//!
//! Run: `cargo bench --bench filter`. The target is one 60 Hz frame (16 ms).

use criterion::{Criterion, criterion_group, criterion_main};
use iced_test::core::renderer::Headless;
use iced_test::core::{Font, Pixels, Size};
use iced_test::runtime::user_interface::{Cache, UserInterface};

use g287::ui::app::{App, Message};
use g287::ui::screen::agencies;

fn filter(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    g287::registry::Registry::open(dir.path())
        .unwrap()
        .demo(18_000, 287)
        .unwrap();
    let (mut app, _) = App::new(g287::registry::Registry::open(dir.path()).unwrap());
    let mut renderer =
        iced_test::futures::futures::executor::block_on(iced_test::renderer::Renderer::new(
            Font::with_name("Fira Sans"),
            Pixels(16.0),
            Some("tiny-skia"),
        ))
        .expect("a headless renderer");
    let size = Size::new(1280.0, 800.0);
    let queries = [
        "c",
        "co",
        "cou",
        "coun",
        "count",
        "county",
        "county s",
        "county sh",
        "",
    ];
    let mut i = 0;
    c.bench_function("keystroke to laid-out view, 18,000 agencies", |b| {
        b.iter(|| {
            let query = queries[i % queries.len()].to_string();
            i += 1;
            let _ = app.update(Message::Agencies(agencies::Message::Search(query)));
            let ui = UserInterface::build(app.view(), size, Cache::default(), &mut renderer);
            std::hint::black_box(ui);
        })
    });
    let (shown, total) = app.agencies().counts();
    assert_eq!(total, 18_000, "{shown}");
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = filter
}
criterion_main!(benches);
