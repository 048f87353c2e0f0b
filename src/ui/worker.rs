//! Running the registry's operations off the UI thread: each request runs on a thread of its
//! own with its own connection to the database and comes back as the reply message the caller
//! names, so a frame never waits for the database.

use std::path::PathBuf;

use iced::Task;

use super::screen::import;
use crate::registry::{ListOptions, Registry};

/// Runs `work` on the registry on a worker thread; `reply` turns its result into the message
/// that answers this one request.
pub fn perform<T, M>(
    registry: &Registry,
    work: impl FnOnce(&Registry) -> T + Send + 'static,
    reply: impl FnOnce(T) -> M + Send + 'static,
) -> Task<M>
where
    T: Send + 'static,
    M: Send + 'static,
{
    let registry = registry.clone();
    Task::perform(run_blocking(move || work(&registry)), reply)
}

/// Runs blocking work on a thread of its own and awaits its result without blocking the window.
pub async fn run_blocking<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    let (sender, receiver) = iced::futures::channel::oneshot::channel();
    std::thread::spawn(move || {
        let _ = sender.send(work());
    });
    receiver
        .await
        .expect("the worker thread ends by sending its result")
}

/// Imports on a thread of its own, reporting progress, then the outcome. Nothing starts until
/// the returned stream is first polled, so an `update` that returns it has done no work yet:
/// the runtime runs it, and a test driving `update` directly runs nothing behind its back.
pub fn import_with_progress(
    registry: Registry,
    files: Vec<PathBuf>,
) -> impl iced::futures::Stream<Item = import::Message> {
    iced::stream::channel(16, async move |mut output| {
        use iced::futures::{SinkExt, StreamExt};
        let (sender, mut receiver) = iced::futures::channel::mpsc::unbounded();
        std::thread::spawn(move || {
            let progress_sender = sender.clone();
            let mut last = 0;
            let result = registry.import(&files, ListOptions::default(), &mut |done, total| {
                // A message per few hundred rows keeps the bar moving without flooding.
                if done == total || done >= last + 200 {
                    last = done;
                    let _ = progress_sender.unbounded_send(import::Message::Progress(done, total));
                }
            });
            let _ = sender.unbounded_send(import::Message::Finished(result));
        });
        while let Some(message) = receiver.next().await {
            if output.send(message).await.is_err() {
                break;
            }
        }
    })
}
