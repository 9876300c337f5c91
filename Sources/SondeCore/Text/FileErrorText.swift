import Foundation

/// A file operation's error as a person reads it: `/path: No space left on device`. Foundation's
/// own text on Linux is `The operation could not be completed. (NSCocoaErrorDomain error 512.)`
/// or the raw `NSCocoaErrorDomain Code=640`, which a full disk showed in the history notice.
public enum FileErrorText {
    /// The path (where the error names one) and the reason.
    public static func describe(_ error: any Error) -> String {
        let reason = reason(of: error)
        guard let error = error as? CocoaError, let path = (error.userInfo[NSFilePathErrorKey] as? String) ?? error.url?.path else {
            return reason
        }
        return "\(path): \(reason)"
    }

    /// The reason alone, for messages that name the file themselves: a description written for
    /// people where the error carries one, else the system's words for the errno underneath.
    public static func reason(of error: any Error) -> String {
        if let error = error as? CocoaError {
            if let written = error.userInfo[NSLocalizedDescriptionKey] as? String { return written }
            return (error.userInfo[NSUnderlyingErrorKey] as? any Error).flatMap(posixText) ?? text(of: error.code)
        }
        return posixText(error) ?? String(describing: error)
    }

    /// The system's words for an errno, from a `POSIXError` or an `NSError` of its domain.
    private static func posixText(_ error: any Error) -> String? {
        if let error = error as? POSIXError { return String(cString: strerror(error.code.rawValue)) }
        let error = error as NSError
        guard error.domain == NSPOSIXErrorDomain else { return nil }
        return String(cString: strerror(Int32(error.code)))
    }

    private static func text(of code: CocoaError.Code) -> String {
        switch code {
        case .fileWriteOutOfSpace: String(cString: strerror(ENOSPC))
        case .fileWriteNoPermission, .fileReadNoPermission: String(cString: strerror(EACCES))
        case .fileWriteVolumeReadOnly: String(cString: strerror(EROFS))
        case .fileNoSuchFile, .fileReadNoSuchFile: String(cString: strerror(ENOENT))
        case .fileWriteFileExists: String(cString: strerror(EEXIST))
        case .fileReadCorruptFile: "the file is not in the expected format"
        case .fileReadInapplicableStringEncoding: "the file is not valid UTF-8"
        default: "file error \(code.rawValue)"
        }
    }
}
