#ifndef ROLECALL_CLDAP_SHIM_H
#define ROLECALL_CLDAP_SHIM_H

// The deprecated synchronous calls stay hidden; RoleCall uses the _ext forms.
#include <stdio.h>
#include <lber.h>
#include <ldap.h>
#include <ldif.h>

#endif
