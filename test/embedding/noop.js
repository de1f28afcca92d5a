// Served late by the test server's /slow/ prefix (see streamed.html).
