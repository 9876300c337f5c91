import Foundation
import Synchronization

/// What the runner's background tasks share with its loop: the services they use, the inbox they
/// post their events to, and a count of the tasks still running (the loop polls input faster
/// while there are any). Checked `Sendable` (a `Mutex` and an `Atomic`), so detached tasks
/// capture this and never the runner, whose state only the loop touches.
final class BackgroundWork: Sendable {
    let services: AppServices
    private let inbox = Mutex<[AppEvent]>([])
    private let running = Atomic<Int>(0)

    init(services: AppServices) {
        self.services = services
    }

    /// Runs `work` on a detached task, counted as running until it returns.
    func start(_ work: @escaping @Sendable (BackgroundWork) async -> Void) {
        running.add(1, ordering: .relaxed)
        Task.detached {
            await work(self)
            self.running.subtract(1, ordering: .relaxed)
        }
    }

    /// Runs blocking `work` (waiting for a process) on a thread of its own, counted as running:
    /// it must not hold one of the few threads Swift's concurrency runs transfers on.
    func startBlocking(_ work: @escaping @Sendable (BackgroundWork) -> Void) {
        running.add(1, ordering: .relaxed)
        Thread {
            work(self)
            self.running.subtract(1, ordering: .relaxed)
        }.start()
    }

    /// Hands an event to the loop, which applies it on its next turn.
    func post(_ event: AppEvent) {
        inbox.withLock { $0.append(event) }
    }

    /// The events posted since the last call, oldest first.
    func takeEvents() -> [AppEvent] {
        inbox.withLock { events in
            defer { events.removeAll() }
            return events
        }
    }

    var isRunning: Bool { running.load(ordering: .relaxed) > 0 }
}
