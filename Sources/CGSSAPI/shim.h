#ifndef ROLECALL_CGSSAPI_SHIM_H
#define ROLECALL_CGSSAPI_SHIM_H

// MIT Kerberos's GSS-API, for accepting HTTP Negotiate (SPNEGO) sign-ins in `rolecall serve`.
// gssapi_ext.h holds gss_acquire_cred_from (a keytab named per credential, not per process) and
// gss_localname (krb5.conf's auth_to_local rules).
#include <gssapi/gssapi.h>
#include <gssapi/gssapi_krb5.h>
#include <gssapi/gssapi_ext.h>

#endif
