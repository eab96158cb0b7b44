import Foundation
import PackagePlugin

/// Records the commit `rolecall` is built from, for `rolecall --version`: a file
/// `BuildInfo.swift` written before each build (only when the commit changed), "unknown" outside a
/// git checkout.
@main
struct BuildInfoPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let folder = context.pluginWorkDirectoryURL
        let script = """
            commit=unknown
            # Only the package's own checkout counts (not a repository it happens to be unpacked in);
            # no optional locks, so a build never gets in the way of git commands running beside it.
            top=$(git -C "$1" rev-parse --show-toplevel 2>/dev/null || true)
            if [ -n "$top" ] && [ "$(cd "$top" && pwd -P)" = "$(cd "$1" && pwd -P)" ]; then
                commit=$(git -C "$1" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
                dirty=$(git --no-optional-locks -C "$1" status --porcelain --untracked-files=no 2>/dev/null | head -c 1)
                [ -n "$dirty" ] && commit="$commit+changes"
            fi
            printf 'enum BuildInfo {\\n    static let commit = "%s"\\n}\\n' "$commit" > "$2.new"
            if cmp -s "$2.new" "$2"; then rm -f "$2.new"; else mv "$2.new" "$2"; fi
            """
        return [
            .prebuildCommand(
                displayName: "Record the commit rolecall is built from",
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: [
                    "-c", script, "sh", context.package.directoryURL.path,
                    folder.appendingPathComponent("BuildInfo.swift").path,
                ],
                outputFilesDirectory: folder
            )
        ]
    }
}
