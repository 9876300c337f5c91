/// `.http` and environment files written the way each client's users write them, for the
/// importer's tests: every form `HTTPFileImporter` reads appears at least once.
enum HTTPFileFixtures {
    /// JetBrains HTTP Client style: named separators, `# @` directives, `HTTP/1.1` request lines,
    /// response handler scripts, multipart with file parts, `< file` bodies, `$random.*`/`$env.*`.
    static let jetBrains = """
    ### Get all users
    # Lists the users on the first page.
    GET https://api.example.com/users?page=1
        &per_page=50
    Accept: application/json
    X-Request-Id: {{$random.uuid}}

    ### Create user
    # @name createUser
    # @no-redirect
    # @timeout 12
    POST {{host}}/users HTTP/1.1
    Content-Type: application/json
    Authorization: Bearer {{token}}

    {
      "name": "Ada",
      "id": "{{$uuid}}",
      "createdAt": {{$timestamp}},
      "score": {{$randomInt}}
    }

    > {%
        client.test("created", function() {
            client.assert(response.status === 201);
        });
        client.global.set("userId", response.body.id);
    %}

    ### Upload avatar
    POST {{host}}/users/{{userId}}/avatar
    Content-Type: multipart/form-data; boundary=WebAppBoundary

    --WebAppBoundary
    Content-Disposition: form-data; name="caption"

    My avatar
    --WebAppBoundary
    Content-Disposition: form-data; name="file"; filename="avatar.png"
    Content-Type: image/png

    < ./images/avatar.png
    --WebAppBoundary--

    ### Bulk import
    < {% request.variables.set("batch", "7") %}
    PUT {{host}}/bulk HTTP/2
    Content-Type: application/json
    X-Api-Key: 9f8e7d6c5b4a

    < ./payloads/bulk.json

    >> ./responses/bulk-result.json

    ### Who am I
    GET {{host}}/whoami
    Authorization: Bearer {{$env.API_TOKEN}}
    X-Trace: {{$random.integer(1, 100)}}

    ### Socket
    WEBSOCKET ws://localhost:8080/ws

    """

    /// VS Code REST Client style: file variables at the top, bare `###`, `# @name`/`// @name`,
    /// multi-line query, form bodies over lines, `Basic user pass`, `$processEnv`, `$dotenv`,
    /// `$datetime`, request variables, a path with a `Host:` header, a URL alone.
    static let vsCode = """
    @baseUrl = https://api.example.com/v2
    @contentType = application/json
    @apiToken = sk_live_51HxYzAbCdEfGhIjKlMn
    @password = hunter2

    # @name login
    POST {{baseUrl}}/login
    Content-Type: application/x-www-form-urlencoded

    username=ada
    &password=correct%20horse
    &remember=true

    ###

    # Fetch the profile with basic auth
    GET {{baseUrl}}/profile
    Authorization: Basic ada {{password}}

    ###
    // @name search
    GET {{baseUrl}}/search
        ?q=rest+client
        &api_key=abcd1234efgh
    Accept: {{contentType}}
    X-Home: {{$processEnv HOME}}
    X-Secret: {{$dotenv SECRET_KEY}}
    X-Ref: {{login.response.body.$.token}}
    X-When: {{$datetime iso8601}}
    X-Date: {{$datetime rfc1123}}
    X-Rand: {{$randomInt 1 10}}
    X-Stamp: {{$timestamp -1 d}}

    ###
    GET /status HTTP/1.1
    Host: status.example.com:443

    ###
    https://example.com/health

    ###
    PATCH {{baseUrl}}/notes/1
    Content-Type: text/plain
    Authorization: Digest ada:s3cret

    Remember the milk.
    # not a comment: body text

    """

    static let publicEnvironments = """
    {
      "$shared": {
        "version": "v2",
        "host": "https://shared.example.com"
      },
      "dev": {
        "host": "http://localhost:8080",
        "port": 8080,
        "verbose": true,
        "SSLConfiguration": {"clientCertificate": "cert.pem"}
      },
      "prod": {
        "host": "https://api.example.com",
        "clientSecret": "prod-public-looking-secret"
      }
    }
    """

    static let privateEnvironments = """
    {
      "dev": {
        "token": "dev-token-123",
        "password": "devpass"
      },
      "prod": {
        "token": "prod-token-456",
        "password": "devpass"
      },
      "staging": {
        "token": "staging-token-789"
      }
    }
    """

    static let vsCodeSettings = """
    {
        // Editor settings first, as in a real settings.json
        "editor.fontSize": 13,
        "rest-client.environmentVariables": {
            "$shared": {
                "version": "v1",
            },
            /* local development */
            "local": {
                "baseUrl": "http://localhost:3000/{{$shared version}}",
                "apiKey": "local-key-1234",
            },
            "production": {
                "baseUrl": "https://api.example.com",
                "apiKey": "{{$processEnv PROD_API_KEY}}"
            }
        },
    }
    """
}
