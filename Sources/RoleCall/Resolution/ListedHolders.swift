import Directory
import Foundation
import TitleMatching

/// One person listed under a title key, before any instant is chosen: what a holder shows, and the
/// entries whose account state decides whether they are active. A snapshot never changes, so a
/// key's list is worked out once and kept (``DirectorySnapshot/listedHolders(of:)``); account
/// state, which depends on the instant and the policy, is judged on every question.
struct ListedHolder: Sendable {
    /// An entry that is this person: its DN as written and its account-state values.
    struct Account: Sendable {
        var dn: String
        var state: [String: [String]]
    }

    /// The holder, with no reason yet, or `.missing` for an occupant DN that names no entry.
    var holder: Holder
    /// The entries that are this person, first source first; none for a missing occupant.
    var accounts: [Account]

    /// The holder at `asOf` under `policy`: inactive for the first reason any of their entries gives.
    func holder(under policy: AccountStatePolicy, asOf: Date) -> Holder {
        var holder = holder
        holder.reason =
            holder.reason
            ?? accounts.lazy.compactMap { policy.inactiveReason(dn: $0.dn, state: $0.state, asOf: asOf) }.first
        return holder
    }
}

extension DirectorySnapshot {
    /// Everyone listed under a title key, each person once, sorted by normalised DN; nil when no
    /// entry carries the key. When sources are merged, one person's entries in several sources
    /// are one holder, shown as the first source's.
    func listedHolders(of key: TitleKey) -> [ListedHolder]? {
        guard !key.isEmpty else { return nil }
        let work = { titleUse(key).map { listHolders(of: $0, key: key) } }
        // Only title-sized keys are kept: a stranger's megabyte of text must not fill the memory.
        guard key.rawValue.utf8.count <= SimilarTitleIndex.longestKeptQuery else { return work() }
        return recentHolders.answer(to: key, orWorkOut: work)
    }

    /// The work of ``listedHolders(of:)``, from the tables.
    private func listHolders(of use: TitleUse, key: TitleKey) -> [ListedHolder] {
        // Each holder with the position of their entry, so the first source's entry wins.
        var byDN: [String: (position: Int, listed: ListedHolder)] = [:]
        for index in use.people {
            let person = people.holderFields(index)
            let spelling = spelling(among: person.titles, key: key) ?? use.spelling
            byDN[person.identity] = (index, listed(person, title: spelling, via: .title))
        }
        for index in use.roles {
            let role = roles[index]
            let roleName = spelling(among: role.names, key: key) ?? use.spelling
            for (text, dn) in zip(role.occupantTexts, role.occupants) {
                if let dn, let index = occupant(dn.normalized) {
                    let person = people.holderFields(index)
                    guard byDN[person.identity] == nil else { continue }
                    byDN[person.identity] = (index, listed(person, title: roleName, via: .roleOccupant))
                } else {
                    let normalized = dn?.normalized ?? text
                    guard byDN[normalized] == nil else { continue }
                    let missing = Holder(
                        dn: text,
                        name: nil,
                        mail: nil,
                        title: roleName,
                        via: .roleOccupant,
                        reason: .missing
                    )
                    byDN[normalized] = (Int.max, ListedHolder(holder: missing, accounts: []))
                }
            }
        }
        let groups = SamePerson.group(
            byDN.sorted { ($0.value.position, $0.key) < ($1.value.position, $1.key) },
            mail: { $0.value.listed.holder.mail },
            source: { $0.value.listed.holder.source }
        )
        return groups.map { entries in
            var first = entries[0].value.listed
            first.accounts = entries.flatMap(\.value.listed.accounts)
            return (key: entries[0].key, listed: first)
        }.sorted { $0.key < $1.key }.map(\.listed)
    }

    /// Which of an entry's titles listed under `key` spells it: the only one when there is one
    /// (most people hold one title), else the first whose key is `key`.
    private func spelling(among titles: [String], key: TitleKey) -> String? {
        titles.count == 1 ? titles[0] : titles.first { self.key(of: $0) == key }
    }

    /// A person as a listed holder.
    private func listed(_ person: Person, title: String, via: HolderSource) -> ListedHolder {
        ListedHolder(
            holder: Holder(
                dn: person.dn,
                name: person.name,
                mail: person.mail,
                title: title,
                via: via,
                reason: nil,
                source: person.source
            ),
            accounts: [ListedHolder.Account(dn: person.dn, state: person.state)]
        )
    }
}
