import Foundation

/// libFuzzer's driver (in libclang_rt.fuzzer, linked by `-sanitize=fuzzer`), started from `main`
/// because SwiftPM names the executable's entry point itself.
@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// The target `ROLECALL_FUZZ_TARGET` names, looked up once.
private let selected: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["ROLECALL_FUZZ_TARGET"] ?? ""
    guard let target = targets.first(where: { $0.name == name }) else {
        fatalError("set ROLECALL_FUZZ_TARGET to one of: \(targets.map(\.name).joined(separator: ", "))")
    }
    return target
}()

@main
enum RoleCallFuzz {
    static func main() {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(
            runDriver(&argc, &argv) { start, count in
                selected.run(count == 0 ? [] : Array(UnsafeBufferPointer(start: start, count: count)))
                return 0
            }
        )
    }
}
