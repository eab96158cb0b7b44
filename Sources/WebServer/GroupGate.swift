import Hummingbird
import RoleCall

/// Lets only members of a directory group in (`--allow-group`): the user the sign-in proxy named
/// must be a member in the data answered from now, so a person removed from the group is shut out
/// at the next refresh of the snapshot. Runs after ``ProxySignIn``.
struct GroupGate: RouterMiddleware {
    typealias Context = WebContext
    let group: String
    let feed: DirectoryFeed

    func handle(
        _ request: Request,
        context: WebContext,
        next: (Request, WebContext) async throws -> Response
    ) async throws -> Response {
        guard let user = context.user else {
            return .plainText(.forbidden, "This page is for signed-in members of a group; sign in first.\n")
        }
        let membership = await feed.membership(of: group)
        if membership.admits(user) { return try await next(request, context) }
        guard membership.problem != nil else {
            return .plainText(
                .forbidden,
                "This page is for the members of the group allowed to use it, and the directory does not list you "
                    + "among them; ask the page's administrators to add you.\n"
            )
        }
        return .plainText(
            .forbidden,
            "The group allowed to use this page is not in the directory data now; ask the page's administrators.\n"
        )
    }
}
