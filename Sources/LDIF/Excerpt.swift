extension StringProtocol {
    /// The text shortened for an error or warning message: at most `limit` characters, then how
    /// many were left out, so a 10 MB value from a hostile file never floods a terminal or a log.
    package func excerpt(limit: Int = 80) -> String {
        guard count > limit else { return String(self) }
        return "\(prefix(limit))… (\(count) characters)"
    }
}
