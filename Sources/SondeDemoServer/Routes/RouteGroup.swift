import FlyingFox

/// One area of the demo API (records, echo, auth, ...) that adds its endpoints to the route table.
///
/// Keeping each area in its own group makes the full list of routes readable in `DemoRouter.make`.
protocol RouteGroup: Sendable {
    func register(on routes: inout RoutedHTTPHandler)
}
