/* The peer for LDIF throughput: libldap's own reader, ldif_read_record + ldap_parse_ldif_record,
 * counting records and attribute values. Build: cc -O2 -o libldap_ldif_read libldap_ldif_read.c -lldap -llber */
#include <stdio.h>
#include <string.h>
#include <lber.h>
#include <ldap.h>
#include <ldif.h>

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: %s FILE.ldif\n", argv[0]); return 2; }
    LDIFFP *file = ldif_open(argv[1], "r");
    if (file == NULL) { perror(argv[1]); return 2; }
    char *buffer = NULL;
    int size = 0;
    unsigned long line = 0;
    long records = 0, values = 0, errors = 0;
    while (ldif_read_record(file, &line, &buffer, &size) > 0) {
        LDIFRecord record;
        struct berval text = { strlen(buffer), buffer };
        if (ldap_parse_ldif_record(&text, line, &record, "bench", LDIF_DEFAULT_ADD | LDIF_NO_CONTROLS) == LDAP_SUCCESS) {
            if (record.lr_dn.bv_val != NULL) records++;
            for (LDAPMod **mods = record.lrop_mods; mods && *mods; mods++)
                for (struct berval **v = (*mods)->mod_bvalues; v && *v; v++) values++;
        } else {
            errors++;
        }
        ldap_ldif_record_done(&record);
    }
    ber_memfree(buffer);
    ldif_close(file);
    printf("libldap: records=%ld values=%ld errors=%ld\n", records, values, errors);
    return 0;
}
