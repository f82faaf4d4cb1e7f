//! Parts of the page whose code is in a chunk of its own, fetched after the first paint or on
//! first use, so that the first load carries only what the headline needs (issue 18).
//!
//! A function declared with [`in_chunk!`] builds its view in the named chunk: with the `split`
//! feature (Trunk's build, index.html) `wasm_split` marks it and `scripts/wasm-split.mjs` moves
//! its code out of the main module after the build; without it (the component tests, clippy) it
//! is an ordinary function. [`Lazy`] shows such a view once its chunk is there, and says so, with
//! a way to try again, if the chunk cannot be fetched.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use leptos::prelude::*;

/// A chunk that could not be fetched or instantiated (the browser's console says why).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChunkError;

#[cfg(feature = "split")]
impl From<leptos::wasm_split::SplitLoaderError> for ChunkError {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        ChunkError
    }
}

/// A result being worked out in its chunk. `Send` only because Leptos's `Suspend` asks it; the
/// app has one thread.
pub type InChunk<T> = Pin<Box<dyn Future<Output = Result<T, ChunkError>> + Send>>;

/// A view being built in its chunk.
pub type ChunkView = InChunk<AnyView>;

/// How [`Lazy`] gets its view: a function made by [`in_chunk!`], with its arguments.
pub struct Loader(Box<dyn Fn() -> ChunkView + Send + Sync>);

impl<F: Fn() -> ChunkView + Send + Sync + 'static> From<F> for Loader {
    fn from(load: F) -> Self {
        Loader(Box::new(load))
    }
}

/// Declares a function whose body runs in chunk `chunk`. Without a return type the body is a view
/// and the function gives a [`ChunkView`] for [`Lazy`]:
/// `in_chunk! { fn decide_panel() in sections { view! { <DecidePanel /> } } }`; with one,
/// `fn decision(offer: Offer) in work -> Decision { .. }`,
/// it gives an [`InChunk<T>`] for [`when_ready`]. Two chunks are enough: `sections` for every
/// view (one chunk, so that no section arrives before the one above it and pushes it down; the
/// embed's chart and inputs too: a chunk of their own cost more in shared code than they saved)
/// and `work` for the engine's work after the first paint; and `guided`, the guided start, fetched
/// only when someone opens it. Code that several chunks use goes to a
/// chunk of its own, and code the main module also uses stays there. Arguments must be plain
/// values (no generics, no `impl`, no borrows): they cross a function boundary of the module.
macro_rules! in_chunk {
    ($(#[$attr:meta])* $vis:vis fn $name:ident($($arg:ident: $ty:ty),* $(,)?) in $chunk:ident $body:block) => {
        $crate::ui::kit::chunk::in_chunk! {
            $(#[$attr])* $vis fn $name($($arg: $ty),*) in $chunk -> ::leptos::prelude::AnyView {
                ::leptos::prelude::untrack(move || {
                    let view = $body;
                    ::leptos::prelude::IntoAny::into_any(view)
                })
            }
        }
    };
    ($(#[$attr:meta])* $vis:vis fn $name:ident($($arg:ident: $ty:ty),* $(,)?) in $chunk:ident -> $ret:ty $body:block) => {
        $(#[$attr])*
        $vis fn $name($($arg: $ty),*) -> $crate::ui::kit::chunk::InChunk<$ret> {
            #[cfg(feature = "split")]
            #[::leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible, preload(fetch_chunk))]
            fn $name($($arg: $ty),*) -> Result<$ret, $crate::ui::kit::chunk::ChunkError> {
                let value = $body;
                Ok(value)
            }
            #[cfg(not(feature = "split"))]
            async fn fetch_chunk() -> Result<(), $crate::ui::kit::chunk::ChunkError> {
                Ok(())
            }
            #[cfg(not(feature = "split"))]
            async fn $name($($arg: $ty),*) -> Result<$ret, $crate::ui::kit::chunk::ChunkError> {
                let value = $body;
                Ok(value)
            }
            $crate::ui::kit::chunk::run_when_fetched(stringify!($chunk), fetch_chunk(), move || $name($($arg),*))
        }
    };
}
pub(crate) use in_chunk;

/// Runs at once when the chunk is already there (a rebuilt form keeps its focus and its place);
/// otherwise waits for it, then runs in a task of its own, so that the sections waiting on one
/// chunk are not all built in one long task when it arrives. Those waiting on one chunk run in
/// the order they asked for it (the page's order): the chunk's arrival wakes them in no
/// particular order, and the form's last part (the checklist) built right under its first
/// section was pushed off the screen by the ones between (a layout shift of 0.10 at 1280 px).
pub fn run_when_fetched<T: 'static, E: 'static, B>(
    chunk: &'static str,
    fetch: impl Future<Output = Result<(), E>> + 'static,
    run: impl FnOnce() -> B + 'static,
) -> InChunk<T>
where
    ChunkError: From<E>,
    B: Future<Output = Result<T, ChunkError>> + 'static,
{
    let mut fetch = Box::pin(fetch);
    let first_look = fetch.as_mut().poll(&mut Context::from_waker(Waker::noop()));
    let turn = matches!(first_look, Poll::Pending).then(|| Turn::take(chunk));
    let work = async move {
        match first_look {
            Poll::Ready(Err(e)) => return Err(ChunkError::from(e)),
            Poll::Ready(Ok(())) => {}
            Poll::Pending => {
                fetch.await?;
                if let Some(turn) = &turn {
                    turn.previous_done().await;
                }
                next_task().await;
            }
        }
        // The turn ends when this is dropped, after `run` (or sooner, if the view goes first).
        let _turn = turn;
        run().await
    };
    Box::pin(send_wrapper::SendWrapper::new(work))
}

/// One place in the queue of the work waiting for a chunk: it may run once every turn before it
/// has run or was dropped unrun, and lets the next one go when it is dropped.
struct Turn(Rc<TurnState>);

#[derive(Default)]
struct TurnState {
    done: Cell<bool>,
    /// The turn before, until this one's has come. A turn dropped unrun keeps it, so that the
    /// one after it waits for the turns before both.
    previous: RefCell<Option<Rc<TurnState>>>,
    next_waiting: RefCell<Option<Waker>>,
}

thread_local! {
    /// Per chunk, the last turn given out.
    static LAST_TURNS: RefCell<Vec<(&'static str, Rc<TurnState>)>> = const { RefCell::new(Vec::new()) };
}

impl Turn {
    /// The next place in `chunk`'s queue.
    fn take(chunk: &'static str) -> Turn {
        let mine = Rc::new(TurnState::default());
        let previous = LAST_TURNS.with_borrow_mut(|last| {
            match last.iter_mut().find(|(name, _)| *name == chunk) {
                Some((_, turn)) => Some(std::mem::replace(turn, Rc::clone(&mine))),
                None => {
                    last.push((chunk, Rc::clone(&mine)));
                    None
                }
            }
        });
        *mine.previous.borrow_mut() = previous.filter(|previous| !previous.done.get());
        Turn(mine)
    }

    /// Resolves once every turn before this one is over.
    fn previous_done(&self) -> impl Future<Output = ()> + '_ {
        std::future::poll_fn(move |cx| loop {
            let Some(previous) = self.0.previous.borrow().clone() else {
                return Poll::Ready(());
            };
            if !previous.done.get() {
                *previous.next_waiting.borrow_mut() = Some(cx.waker().clone());
                return Poll::Pending;
            }
            let further = previous.previous.borrow_mut().take();
            *self.0.previous.borrow_mut() = further;
        })
    }
}

impl Drop for Turn {
    fn drop(&mut self) {
        self.0.done.set(true);
        if let Some(next) = self.0.next_waiting.borrow_mut().take() {
            next.wake();
        }
    }
}

/// Hands `work`'s result to `then`: at once if its chunk is already there (as a plain call
/// would), else once the chunk has come.
pub fn when_ready<T: 'static>(
    mut work: InChunk<T>,
    then: impl FnOnce(Result<T, ChunkError>) + 'static,
) {
    match work.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(result) => then(result),
        Poll::Pending => leptos::task::spawn_local(async move { then(work.await) }),
    }
}

/// Resolves in a task of its own.
async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        set_timeout(
            move || {
                let _ = resolve.call0(&wasm_bindgen::JsValue::UNDEFINED);
            },
            std::time::Duration::ZERO,
        );
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Shows the view `load` builds in its chunk: nothing while the chunk is on its way, and a note
/// with "Try again" if it cannot be fetched (the rest of the page keeps working).
#[component]
pub fn Lazy(#[prop(into)] load: Loader) -> impl IntoView {
    let attempt = RwSignal::new(0_u32);
    move || {
        attempt.track();
        let view = (load.0)();
        Suspend::new(async move {
            match view.await {
                Ok(view) => view,
                Err(ChunkError) => view! {
                    <p class="chunk-error" role="alert" data-testid="chunk-error">
                        "This part of the page could not be loaded. Check the connection, then "
                        <button type="button" class="small" on:click=move |_| attempt.update(|n| *n += 1)>"try again"</button>
                        "."
                    </p>
                }
                .into_any(),
            }
        })
    }
}
