/// One request of an exchange as it went out, and the head of the answer it got.
///
/// A send can put several requests on the wire: one per redirect hop, and within a hop a second
/// one when libcurl answers a digest or NTLM challenge. Each is kept, so what is shown is every
/// request the server saw.
public struct SentRequest: Sendable, Equatable {
    public var head: SentRequestHead
    /// The redirect hop this request belongs to: 0 for the first URL, then one more for each
    /// redirect followed.
    public var hop: Int
    /// The status line and headers of the answer; nil when none came (the transfer failed, or
    /// the answer was still to come when the log was read).
    public var answer: ResponseHead?
    /// The redirect sonde followed after this request's answer, to the next hop.
    public var redirect: Redirect?

    public init(head: SentRequestHead, hop: Int, answer: ResponseHead? = nil, redirect: Redirect? = nil) {
        self.head = head
        self.hop = hop
        self.answer = answer
        self.redirect = redirect
    }
}
