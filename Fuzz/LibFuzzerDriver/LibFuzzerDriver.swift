#if canImport(Glibc)
import Glibc
#endif

/// One fuzz input's test: returns 0, or calls `fuzzCheck` (which aborts) when a property fails.
/// A C function pointer because libFuzzer calls it; a closure that captures nothing converts.
public typealias FuzzTest = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ test: FuzzTest) -> CInt

/// Hands the process to libFuzzer, which reads its own flags (`-max_total_time=`, corpus
/// folders) from the command line and calls `test` once per input.
///
/// libFuzzer's usual entry point is its own `main` calling `LLVMFuzzerTestOneInput`; SwiftPM
/// links every executable with `--defsym main=<Module>_main`, which clashes with that `main`
/// (`-sanitize=fuzzer` links libFuzzer whole). So scripts/fuzz.sh links libFuzzer's no-main
/// archive and this is called from the target's `main.swift`.
public func runLibFuzzer(_ test: FuzzTest) -> Never {
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, test))
}

/// The input as bytes (libFuzzer passes nil for the empty input).
public func fuzzBytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(start: data, count: data == nil ? 0 : size)
}

/// Stops the run with `message` when a property does not hold: libFuzzer sees the crash and
/// saves the input.
public func fuzzCheck(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() { fatalError("property failed: \(message())") }
}
