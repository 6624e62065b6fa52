//! Threads where the platform has them: `scope` and `spawn` as in `std::thread`, which in the
//! browser (WebAssembly without threads) run the work at once on the calling thread, so the
//! same code draws and analyses on every platform, on all cores where there are several.

#[cfg(not(target_arch = "wasm32"))]
pub use std::thread::{scope, spawn};

#[cfg(target_arch = "wasm32")]
pub use inline::{scope, spawn};

/// Lowers the calling thread's priority (nice 10, and threads it starts inherit it), so that
/// a worker started beside the window, on a machine with few cores, leaves the window's own
/// thread and the GL driver's the cores they need. On Linux only: elsewhere (macOS, where
/// `setpriority` would lower the whole process) it does nothing.
pub fn lower_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority takes plain integers and only changes the scheduling of the calling
    // thread (on Linux, PRIO_PROCESS with id 0 is the calling thread). A failure leaves the
    // priority as it was, which is harmless.
    #[allow(unsafe_code)]
    unsafe {
        let _ = libc::setpriority(libc::PRIO_PROCESS, 0, 10);
    }
}

#[cfg(target_arch = "wasm32")]
mod inline {
    use std::marker::PhantomData;

    /// A scope whose spawned work runs at once, in order.
    pub struct Scope<'scope, 'env: 'scope> {
        _scope: PhantomData<&'scope mut &'scope ()>,
        _env: PhantomData<&'env mut &'env ()>,
    }

    /// The result of work that has already run.
    pub struct ScopedJoinHandle<'scope, T> {
        result: T,
        _scope: PhantomData<&'scope ()>,
    }

    impl<T> ScopedJoinHandle<'_, T> {
        /// The work's result (it has finished).
        pub fn join(self) -> std::thread::Result<T> {
            Ok(self.result)
        }
    }

    impl<'scope> Scope<'scope, '_> {
        /// Runs `f` now.
        pub fn spawn<F, T>(&'scope self, f: F) -> ScopedJoinHandle<'scope, T>
        where
            F: FnOnce() -> T + Send + 'scope,
            T: Send + 'scope,
        {
            ScopedJoinHandle {
                result: f(),
                _scope: PhantomData,
            }
        }
    }

    /// Runs `f` with a scope whose work runs at once.
    pub fn scope<'env, F, T>(f: F) -> T
    where
        F: for<'scope> FnOnce(&'scope Scope<'scope, 'env>) -> T,
    {
        let scope = Scope {
            _scope: PhantomData,
            _env: PhantomData,
        };
        f(&scope)
    }

    /// The result of detached work that has already run.
    pub struct JoinHandle<T>(T);

    impl<T> JoinHandle<T> {
        /// The work's result (it has finished).
        pub fn join(self) -> std::thread::Result<T> {
            Ok(self.0)
        }
    }

    /// Runs `f` now (there are no threads to run it on).
    pub fn spawn<F, T>(f: F) -> JoinHandle<T>
    where
        F: FnOnce() -> T + Send + 'static,
        T: Send + 'static,
    {
        JoinHandle(f())
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    /// A worker that lowers its priority runs at nice 10 or lower; the thread that started it
    /// keeps its own.
    #[test]
    fn a_worker_lowers_its_own_priority_only() {
        // SAFETY: getpriority reads the calling thread's nice value.
        let nice = || unsafe { libc::getpriority(libc::PRIO_PROCESS, 0) };
        let before = nice();
        let worker = std::thread::spawn(move || {
            super::lower_priority();
            nice()
        })
        .join()
        .unwrap();
        assert!(worker >= 10, "the worker's nice value is {worker}");
        assert_eq!(nice(), before);
    }
}
