import Presentation

/// The presentation layer's wording, with settings named by this command's flags.
let cliWording = Wording { setting in
    switch setting {
    case .ldif: "--ldif"
    case .allowFileURLs: "--allow-file-urls"
    case .uri: "--uri"
    case .base: "--base"
    case .bindDN: "--bind-dn"
    case .password: "--password-file"
    case .startTLS: "--starttls"
    case .caFile: "--ca-file"
    case .timeout: "--timeout"
    case .pageSize: "--page-size"
    case .allowInsecure: "--allow-insecure"
    case .saslMechanism: "--sasl-mech"
    case .keytab: "--keytab"
    case .principal: "--principal"
    case .clientCertificate: "--client-cert"
    case .clientKey: "--client-key"
    case .configuration: "--config"
    case .state: "--state"
    case .asOf: "--as-of"
    case .timeZone: "--time-zone"
    case .snapshot: "--snapshot"
    case .maxAge: "--max-age"
    case .evidenceKey: "--evidence-key"
    }
}
