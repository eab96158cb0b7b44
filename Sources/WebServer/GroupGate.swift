import Foundation
import Hummingbird
import RoleCall

/// Lets only members of a directory group in (`--allow-group`): the signed-in user must be a member
/// in the data answered from now, so a person removed from the group is shut out at the next
/// refresh of the snapshot. Runs after the sign-in (``ProxySignIn``, ``NegotiateSignIn``, or a
/// client certificate); a Kerberos user is admitted by principal or by local name.
struct GroupGate: RouterMiddleware {
    typealias Context = WebContext
    let group: String
    let feed: DirectoryFeed
    /// Logs a replaced snapshot file that could not be opened (the old one keeps answering).
    let report: @Sendable (RoleCallError) -> Void
    /// A fixed instant to evaluate account state at; nil evaluates each request at its time.
    let asOf: Date?

    func handle(
        _ request: Request,
        context: WebContext,
        next: (Request, WebContext) async throws -> Response
    ) async throws -> Response {
        guard let user = context.user else {
            return .plainText(.forbidden, "This page is for signed-in members of a group; sign in first.\n")
        }
        let (membership, problem) = await feed.membership(of: group)
        if let problem { report(problem) }
        let instant = asOf ?? Date()
        if membership.admits(user, asOf: instant)
            || context.localName.map({ membership.admits($0, asOf: instant) }) == true
        {
            return try await next(request, context)
        }
        switch membership.problem {
        case nil:
            return .plainText(
                .forbidden,
                "This page is for the members of the group allowed to use it, and the directory does not list you "
                    + "among them as an active account; ask the page's administrators to add you.\n"
            )
        case .noSuchGroup:
            return .plainText(
                .forbidden,
                "The group allowed to use this page is not in the directory data now; ask the page's administrators.\n"
            )
        case .membersUnknown:
            return .plainText(
                .forbidden,
                "The directory server now computes the members of the group allowed to use this page, which RoleCall "
                    + "cannot list; ask the page's administrators.\n"
            )
        }
    }
}
