import ArgumentParser
import Foundation
import Presentation
import RoleCall

/// `rolecall`: who holds this role right now?
@main
struct RoleCallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rolecall",
        abstract: "Resolve organisational role titles to the people who hold them now.",
        discussion: """
            Reads an LDAP directory (--uri) or an LDIF export (--ldif). Exit status: 0 nothing to report, \
            1 findings, 2 usage or input error, 3 directory unavailable or empty.
            """,
        version: "rolecall \(RoleCallVersion.current) (commit \(BuildInfo.commit), libldap \(LDAPLibrary.version))",
        subcommands: [Lookup.self, Verify.self, Report.self, SnapshotCommand.self, Serve.self, EvidenceCommand.self]
    )

    /// Runs the command, mapping errors to DESIGN.md's exit codes (usage errors are 2, not 64).
    static func main() async {
        let work = Task {
            var command: any ParsableCommand
            do {
                command = try parseAsRoot()
            } catch {
                // A parse that succeeds had no unknown option; the message costs a help text, so only
                // a failed parse pays for it.
                if let message = UnknownOption.message(Array(CommandLine.arguments.dropFirst())) {
                    FileHandle.standardError.write(Data("rolecall: \(message)\n".utf8))
                    Foundation.exit(ExitStatus.usage)
                }
                throw error
            }
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        }
        let interruption = Interruption { work.cancel() }
        defer { withExtendedLifetime(interruption) {} }
        do {
            try await work.value
        } catch let error as RoleCallError {
            // Errors quote directory values (a DN, a title): shown escaped, never raw on a terminal.
            FileHandle.standardError.write(Data("rolecall: \(SafeText.shown(cliWording.message(error)))\n".utf8))
            Foundation.exit(ExitStatus.for(error))
        } catch let failure as StartFailure {
            FileHandle.standardError.write(Data("rolecall: \(SafeText.shown(failure.message))\n".utf8))
            Foundation.exit(ExitStatus.usage)
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if !message.isEmpty {
                let stream = code == .success ? FileHandle.standardOutput : FileHandle.standardError
                stream.write(Data((message + "\n").utf8))
            }
            Foundation.exit(code == .validationFailure || code.rawValue == 64 ? ExitStatus.usage : code.rawValue)
        }
    }
}

/// DESIGN.md's exit codes.
enum ExitStatus {
    static let findings: Int32 = 1
    static let usage: Int32 = 2
    static let unavailable: Int32 = 3

    /// Stopped by Ctrl-C or SIGTERM before anything was written (128 + SIGINT, as shells report it).
    static let interrupted: Int32 = 130

    static func `for`(_ error: RoleCallError) -> Int32 {
        switch error.problem {
        case .cancelled: return interrupted
        case .directory(let error) where error.code == .cancelled: return interrupted
        default: break
        }
        switch error.code {
        case .unavailable, .emptyDirectory: return unavailable
        default: return usage
        }
    }
}

/// RoleCall's release (the package has no other record of it; SwiftPM injects no version).
enum RoleCallVersion {
    static let current = "0.5.0"
}
