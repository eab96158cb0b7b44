#ifndef ROLECALL_CLDAP_SHIM_H
#define ROLECALL_CLDAP_SHIM_H

// The deprecated synchronous calls stay hidden; RoleCall uses the _ext forms.
#include <stdio.h>
#include <string.h>
#include <lber.h>
#include <ldap.h>
#include <ldif.h>
#include <sasl/sasl.h>
#include <krb5.h>
#include <gssapi/gssapi_krb5.h>

/// Answers Cyrus SASL's prompts without a person: the authorization identity (`defaults`, may be
/// NULL) for SASL_CB_USER, and each other prompt's default or nothing. EXTERNAL and GSSAPI need no
/// more: the identity comes from the connection or the Kerberos credentials.
static inline int rolecall_sasl_interact(LDAP *ld, unsigned flags, void *defaults, void *prompts) {
    (void)ld;
    (void)flags;
    const char *authorization = (const char *)defaults;
    for (sasl_interact_t *prompt = (sasl_interact_t *)prompts; prompt && prompt->id != SASL_CB_LIST_END; prompt++) {
        const char *value = prompt->defresult ? prompt->defresult : "";
        if (prompt->id == SASL_CB_USER && authorization) value = authorization;
        prompt->result = value;
        prompt->len = (unsigned)strlen(value);
    }
    return LDAP_SUCCESS;
}

/// A SASL bind with `mechanism`, never prompting (a C callback, which Swift cannot pass with context).
static inline int rolecall_sasl_bind(LDAP *ld, const char *mechanism, const char *authorization) {
    return ldap_sasl_interactive_bind_s(
        ld, NULL, mechanism, NULL, NULL, LDAP_SASL_QUIET, rolecall_sasl_interact, (void *)authorization);
}

#endif
