/// A saved request as its YAML file describes it, placeholders unresolved.
public struct RequestDefinition: Sendable, Equatable {
    public var name: String
    public var method: HTTPMethod
    public var url: String
    public var params: [KeyValue]
    public var headers: [KeyValue]
    public var body: RequestBody
    public var auth: AuthConfig
    public var options: OptionOverrides
    /// `paginate:`: how to fetch every page of a listing (`sonde send --all-pages`); nil when
    /// the request is not paged. Set per request only: each listing has its own item path.
    public var pagination: Pagination?
    public var description: String
    /// `captures:`: values taken from the response as variables for later requests.
    public var captures: [Capture]
    /// `expect:`: what the response must be for the request to pass.
    public var expectations: Expectations

    public init(
        name: String, method: HTTPMethod = .GET, url: String, params: [KeyValue] = [], headers: [KeyValue] = [],
        body: RequestBody = .none, auth: AuthConfig = .inherit, options: OptionOverrides = OptionOverrides(),
        pagination: Pagination? = nil, description: String = "", captures: [Capture] = [],
        expectations: Expectations = Expectations()
    ) {
        self.name = name
        self.method = method
        self.url = url
        self.params = params
        self.headers = headers
        self.body = body
        self.auth = auth
        self.options = options
        self.pagination = pagination
        self.description = description
        self.captures = captures
        self.expectations = expectations
    }
}
