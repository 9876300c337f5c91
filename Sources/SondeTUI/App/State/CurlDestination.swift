/// Where "as curl" goes: the terminal's clipboard (OSC 52), or a new script file.
package enum CurlDestination: Sendable, Equatable {
    case clipboard
    case file(String)
}
