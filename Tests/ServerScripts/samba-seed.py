#!/usr/bin/python3
"""Loads the Active Directory form of the example department into a stopped, freshly provisioned
Samba DC (its sam.ldb, offline). usage: samba-seed.py SMB_CONF department.ldif

People become `user` objects under OU=People (sAMAccountName and userPrincipalName from `uid`,
proxyAddresses with the mail address and an alias), roles `organizationalRole` objects under
OU=Roles, groupOfNames lists universal distribution groups (with their mail) under OU=Lists,
members and nested lists as in the LDIF. Account state in other directories' attributes becomes AD's: nsAccountLock,
loginDisabled and userAccountControl 514 become a disabled userAccountControl,
pwdAccountLockedTime becomes lockoutTime, shadowExpire becomes accountExpires. `title` is single
valued in AD, so a person keeps their first. A few more people exercise AD's own encodings, and
a role's occupant is deleted after being added, as a leaver's account is."""
import re
import sys
import time

import ldb
from samba.auth import system_session
from samba.param import LoadParm
from samba.samdb import SamDB

conf, example = sys.argv[1], sys.argv[2]
lp = LoadParm()
lp.load(conf)
db = SamDB(url=lp.samdb_url(), session_info=system_session(), lp=lp)
base = str(db.domain_dn())
PASSWORD = "Us3r!correct-horse"
NEVER = "9223372036854775807"
UNIX_EPOCH_IN_FILETIME = 116444736000000000
FILETIME_PER_DAY = 864000000000


def filetime(seconds):
    return str(UNIX_EPOCH_IN_FILETIME + int(seconds * 10_000_000))


def values(message, name):
    return [str(v) for v in message[name]] if name in message else []


def add_person(uid, cn, sn, mail, title, uac=512, extra=None):
    dn = "CN=%s,OU=People,%s" % (cn.replace("\\", "\\\\").replace(",", "\\,").replace("+", "\\+"), base)
    entry = {
        "dn": dn,
        "objectClass": "user",
        "sAMAccountName": uid,
        "userPrincipalName": "%s@dda.example" % uid,
        "displayName": cn,
        "sn": sn or cn,
    }
    if mail:
        entry["mail"] = mail
        entry["proxyAddresses"] = ["SMTP:" + mail, "smtp:%s.alias@dda.example" % uid]
    if title:
        entry["title"] = title
    db.add(entry)
    db.setpassword("(sAMAccountName=%s)" % ldb.binary_encode(uid), PASSWORD)
    changes = {"userAccountControl": str(uac)}
    changes.update(extra or {})
    message = ldb.Message(ldb.Dn(db, dn))
    for name, value in changes.items():
        message[name] = ldb.MessageElement(value, ldb.FLAG_MOD_REPLACE, name)
    db.modify(message)
    return dn


started = time.time()
for ou in ("People", "Roles", "Lists"):
    db.add({"dn": "OU=%s,%s" % (ou, base), "objectClass": "organizationalUnit"})

people = {}
roles = []
lists = []
with open(example, encoding="utf-8") as handle:
    for _, message in db.parse_ldif(handle.read()):
        classes = [c.lower() for c in values(message, "objectClass")]
        if "organizationalrole" in classes:
            roles.append(message)
        elif "groupofnames" in classes:
            lists.append(message)
        elif "uid" in message:
            uid = values(message, "uid")[0]
            extra = {}
            uac = 512
            if values(message, "nsAccountLock")[:1] == ["true"] or values(message, "loginDisabled")[:1] == ["TRUE"]:
                uac = 514
            if values(message, "userAccountControl"):
                uac = int(values(message, "userAccountControl")[0])
            if values(message, "pwdAccountLockedTime"):
                extra["lockoutTime"] = filetime(time.time())
            if values(message, "accountExpires"):
                extra["accountExpires"] = values(message, "accountExpires")[0]
            if values(message, "shadowExpire"):
                days = int(values(message, "shadowExpire")[0])
                extra["accountExpires"] = str(UNIX_EPOCH_IN_FILETIME + days * FILETIME_PER_DAY)
            people[re.sub(r"\s*([,=])\s*", r"\1", str(message.dn)).lower()] = add_person(
                uid,
                values(message, "cn")[0],
                values(message, "sn")[:1][0] if values(message, "sn") else None,
                values(message, "mail")[:1][0] if values(message, "mail") else None,
                values(message, "title")[:1][0] if values(message, "title") else None,
                uac,
                extra,
            )

# AD's own encodings: never-expiring accounts written both ways, a disabled account with other
# flags set, and an account locked out just now.
add_person("adzero", "Ada Zero", "Zero", "adzero@dda.example", "Head of Directory Services", extra={"accountExpires": "0"})
add_person("adnever", "Ned Never", "Never", "adnever@dda.example", "Deputy Head of Directory Services", extra={"accountExpires": NEVER})
add_person("adflags", "Flo Flags", "Flags", "adflags@dda.example", "Head of Directory Services", uac=66050)
add_person("adlocked", "Lou Locked", "Locked", "adlocked@dda.example", "Directory Services Manager", extra={"lockoutTime": filetime(time.time())})
# The service account the tests bind as (password and keytab).
add_person("svc-rolecall", "RoleCall Service", "Service", None, None, uac=66048)
# An account whose keytab outlives it (samba-dc.sh exports the keytab, then deletes the account).
add_person("ghost", "Gus Ghost", "Ghost", None, None, uac=66048)

departed = None
for role in roles:
    name = values(role, "cn")[0]
    occupants = []
    for occupant in values(role, "roleOccupant"):
        key = re.sub(r"\s*([,=])\s*", r"\1", occupant).lower()
        if key not in people:
            # A leaver: their account existed when they were named, and was deleted since.
            print("named but not a person, to be deleted:", occupant)
            departed = departed or add_person("departed", "Dee Parted", "Parted", "departed@dda.example", None)
            people[key] = departed
        occupants.append(people[key])
    entry = {"dn": "CN=%s,OU=Roles,%s" % (name, base), "objectClass": "organizationalRole", "cn": name}
    if occupants:
        entry["roleOccupant"] = occupants
    db.add(entry)
# Distribution lists become universal distribution groups (groupType 8) with a mail address;
# members are added once every group exists, since lists may name each other.
groups = {}
for group in lists:
    name = values(group, "cn")[0]
    dn = "CN=%s,OU=Lists,%s" % (name, base)
    db.add({"dn": dn, "objectClass": "group", "groupType": "8", "mail": values(group, "mail")[0]})
    groups[re.sub(r"\s*([,=])\s*", r"\1", str(group.dn)).lower()] = dn
for group in lists:
    members = [re.sub(r"\s*([,=])\s*", r"\1", m).lower() for m in values(group, "member")]
    message = ldb.Message(ldb.Dn(db, groups[re.sub(r"\s*([,=])\s*", r"\1", str(group.dn)).lower()]))
    message["member"] = ldb.MessageElement(
        [people.get(m) or groups[m] for m in members], ldb.FLAG_MOD_ADD, "member"
    )
    db.modify(message)
if departed:
    db.delete(departed)
print(
    "seeded %d people, %d roles and %d lists in %.1f s"
    % (len(people), len(roles), len(lists), time.time() - started)
)
