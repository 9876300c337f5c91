import SondeCore

/// The exit codes of `sonde send`, one per kind of failure, so scripts can tell them apart.
enum SendExitCode: Int32, CaseIterable, ExitCodeTable {
    case success = 0
    case internalError = 1
    /// Not 1, which swift-argument-parser and the runtime use for an unexpected error: a script
    /// must tell "the API answered wrong" from "sonde broke".
    case expectationFailed = 2
    case collectionProblem = 3
    case unresolved = 4
    case oauth2Failure = 5
    case outputUnwritable = 6
    case unreadablePage = 7
    case clientError = 10
    case serverError = 11
    case dnsFailure = 20
    case connectionRefused = 21
    case connectTimeout = 22
    case totalTimeout = 23
    case tlsFailure = 24
    case tooManyRedirects = 25
    case transportFailure = 26
    /// swift-argument-parser's code for a wrong command line (EX_USAGE).
    case usage = 64
    case cancelled = 130

    var meaning: String {
        switch self {
        case .success: "the server answered 2xx or 3xx (with expect: status, the expected status)"
        case .internalError: "an unexpected error in sonde"
        case .expectationFailed: "an expect: check failed or a capture found nothing (each one said on stderr)"
        case .collectionProblem: "the request or its collection could not be found or loaded"
        case .unresolved: "unset variable or secret, bad URL (scheme, host, port), header or JSON body; nothing sent"
        case .oauth2Failure: "no OAuth2 token could be had"
        case .outputUnwritable: "the -o file could not be written"
        case .unreadablePage: "--all-pages: a page was not JSON, or its total, cursor or next link was unusable"
        case .clientError: "the server answered 4xx"
        case .serverError: "the server answered 5xx (or another non-2xx/3xx status)"
        case .dnsFailure: "the host name did not resolve"
        case .connectionRefused: "the connection was refused (or the Unix socket is not there)"
        case .connectTimeout: "no connection within the connect timeout"
        case .totalTimeout: "the transfer exceeded its timeout"
        case .tlsFailure: "TLS handshake or certificate failure"
        case .tooManyRedirects: "too many redirects"
        case .transportFailure: "another transfer failure (e.g. an unreadable body file, a proxy's failure)"
        case .usage: "the command line is wrong (unknown option, missing request)"
        case .cancelled: "interrupted (Ctrl-C)"
        }
    }

    /// The help text's table of codes. Built at every start (the command's configuration holds
    /// it), so it pads in plain Swift: Foundation's `padding(toLength:)` bridged through NSString
    /// and cost 0.8 ms of each `sonde send` (perf, 60 runs).

    init(status: Int) {
        switch status {
        case 200..<400: self = .success
        case 400..<500: self = .clientError
        default: self = .serverError
        }
    }

    init(_ error: SendError) {
        switch error {
        case .preparation: self = .unresolved
        case .oauth2: self = .oauth2Failure
        case .transport(let failure): self.init(failure.error)
        }
    }

    init(_ error: TransportError) {
        switch error {
        case .dnsFailure: self = .dnsFailure
        case .connectionRefused, .unixSocketUnavailable: self = .connectionRefused
        case .connectTimeout: self = .connectTimeout
        case .totalTimeout: self = .totalTimeout
        case .tls: self = .tlsFailure
        case .tooManyRedirects: self = .tooManyRedirects
        case .cancelled: self = .cancelled
        case .unwritableResponseFile: self = .outputUnwritable
        // A URL that curl refuses is the bad URL of code 4, as one refused before sending is:
        // the table promised 4 and `http://127.0.0.1:99999/` exited 26.
        case .invalidURL: self = .unresolved
        case .connectionLost, .unreadableBodyFile, .invalidResponse, .proxy, .other: self = .transportFailure
        }
    }
}
