import Foundation
import SondeCore

extension SendCommand {
    /// Prints the captures (with -v) and the expectations (failures always, passes with -v) to
    /// stderr, and returns the exit code: `expectationFailed` when a capture found nothing or
    /// an expectation failed; success when a status expectation passed (a 404 that was
    /// expected is not a failure); the status's code otherwise.
    func reportChecks(
        _ saved: SavedRequest, _ exchange: Exchange, captures: (found: [CapturedValue], failure: CaptureFailure?, secrets: SecretSet),
        in context: SendContext
    ) -> SendExitCode {
        let style = TerminalStyle.forStream(STDERR_FILENO)
        let expectations = saved.definition.expectations
        let results = expectations.check(
            exchange.response, resolvingIn: context, captured: captures.found, secrets: captures.secrets,
            schemaFolder: saved.fileURL.deletingLastPathComponent())
        var text = ""
        if verbose {
            for value in captures.found {
                text += style.dim("* captured \(value.name) = \(captures.secrets.redact(value.shownValue))") + "\n"
            }
        }
        for miss in captures.failure?.misses ?? [] {
            text += style.paint("✗", "1;31") + " " + miss.summary + "\n"
        }
        for result in results where verbose || !result.passed {
            text += (result.passed ? style.paint("✓", "1;32") : style.paint("✗", "1;31")) + " " + result.summary + "\n"
        }
        if !results.isEmpty, verbose || !results.allPassed {
            text += style.dim("expect: \(results.passedCount) of \(results.count) passed") + "\n"
        }
        StandardError.write(TerminalSafeText.make(captures.secrets.redact(text)))
        if captures.failure != nil || !results.allPassed { return .expectationFailed }
        if !expectations.status.isEmpty { return .success }
        return SendExitCode(status: exchange.response.status)
    }
}
