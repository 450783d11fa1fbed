import Testing
@testable import WinnowExtract
import WinnowCore

/// Furniture goes, structure stays.
@Suite struct BoilerplateTests {
    static let page = """
        <!DOCTYPE html>
        <html lang="en-GB"><head><title> The  Harbour   Project </title>
        <style>p { color: red }</style><script>var tracking = "Do not extract me";</script></head>
        <body>
        <div id="cookie-banner">We use cookies to improve your experience. Accept all cookies?</div>
        <header class="site-header"><a href="/">Harbour Gazette</a><div class="tagline">News from the coast since 1901, every single morning</div></header>
        <nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
        <div class="layout has-sidebar">
          <main>
            <article>
              <h1>Harbour wall repairs finish ahead of schedule</h1>
              <div class="share-buttons"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
              <p>The repairs to the old harbour wall finished two weeks early, the council said on Monday, after a dry spring let crews work through most weekends.</p>
              <p>Engineers replaced 340 metres of stonework, using granite from the original quarry, and added a drainage channel behind the wall.</p>
              <h2>What changes for boat owners</h2>
              <ul><li>Moorings on the east side reopen on 1 June.</li><li>The slipway stays closed until the concrete has cured.</li></ul>
              <table><tr><th>Section</th><th>Length</th></tr><tr><td>East arm</td><td>210 m</td></tr><tr><td>West arm</td><td>130 m</td></tr></table>
              <p>Residents can see the finished wall at an open day on Saturday, with guided walks every hour from ten o'clock.</p>
              <noscript><img src="pixel.gif"></noscript>
              <svg><text>Icon label</text></svg>
              <form action="/subscribe"><input name="email"><button>Subscribe to our newsletter today</button></form>
            </article>
            <section id="comments" class="comments-area">
              <h3>3 comments</h3>
              <p>Great news, it took long enough, I have been waiting for this for years and years!</p>
              <p>Will the cafe on the quay reopen as well, does anybody know anything about that?</p>
            </section>
          </main>
          <aside class="sidebar"><h3>Most read</h3><p>Lifeboat crew rescue two walkers stranded by the tide near the point.</p></aside>
        </div>
        <div class="related-posts"><h3>Related</h3><ul><li><a href="/a">New ferry timetable announced for the summer season</a></li><li><a href="/b">Fish market moves to a new site on the quay</a></li></ul></div>
        <footer><p>© 2024 Harbour Gazette. All rights reserved. Contact us at the office in the old customs house.</p></footer>
        </body></html>
        """

    static let expected = """
        Harbour wall repairs finish ahead of schedule
        The repairs to the old harbour wall finished two weeks early, the council said on Monday, after a dry spring let crews work through most weekends.
        Engineers replaced 340 metres of stonework, using granite from the original quarry, and added a drainage channel behind the wall.
        What changes for boat owners
        Moorings on the east side reopen on 1 June.
        The slipway stays closed until the concrete has cured.
        Section | Length
        East arm | 210 m
        West arm | 130 m
        Residents can see the finished wall at an open day on Saturday, with guided walks every hour from ten o'clock.
        """

    @Test func keepsArticleStructureAndDropsFurniture() throws {
        let page = try HTMLExtractor().extract(Array(Self.page.utf8))
        #expect(page.text == Self.expected)
        #expect(page.title == "The Harbour Project")
        #expect(page.language == "en-GB")
        #expect(page.charset == "UTF-8")
        #expect(page.figures.lines == 10)
    }

    @Test(arguments: [
        "cookies", "Harbour Gazette", "Home", "Share on", "comments", "Great news", "Most read", "Related",
        "ferry", "All rights reserved", "tracking", "color", "Icon label", "Subscribe",
    ])
    func boilerplateIsAbsent(phrase: String) throws {
        let page = try HTMLExtractor().extract(Array(Self.page.utf8))
        #expect(!page.text.contains(phrase))
    }

    @Test func linkListsInsideTheContentAreDropped() throws {
        let html = """
            <html><body><div class="post-content">
            <p>This is the first long paragraph of a blog post about gardening in small spaces, with plenty of detail.</p>
            <ul><li><a href="/1">Tomatoes</a></li><li><a href="/2">Beans</a></li><li><a href="/3">Herbs</a></li><li><a href="/4">Salad</a></li></ul>
            <p>This is the second long paragraph, which explains how to keep pots watered during a hot dry summer.</p>
            <p><a href="/tag/garden">garden</a>, <a href="/tag/pots">pots</a>, <a href="/tag/summer">summer</a></p>
            </div></body></html>
            """
        let page = try HTMLExtractor().extract(Array(html.utf8))
        #expect(page.text == """
            This is the first long paragraph of a blog post about gardening in small spaces, with plenty of detail.
            This is the second long paragraph, which explains how to keep pots watered during a hot dry summer.
            """)
    }

    @Test func contentHiddenOnlyFromScriptsStillCounts() throws {
        // Discourse and similar sites serve their crawler view inside <noscript>.
        let html = """
            <html><body><noscript><div id="main-outlet" role="main"><div class="post">
            <p>The first post of the thread explains the problem in detail, with the exact error message shown.</p>
            <p>The second post suggests a fix that worked for several people, after restarting the service.</p>
            </div></div></noscript></body></html>
            """
        let page = try HTMLExtractor().extract(Array(html.utf8))
        #expect(page.text.hasPrefix("The first post of the thread"))
        #expect(page.text.hasSuffix("after restarting the service."))
    }

    @Test(arguments: [
        ("comment-list", true), ("commentary", false), ("sidebar widget", true), ("has-sidebar", false),
        ("field field--label-hidden", false), ("hidden", true), ("main-nav", true), ("navigation", true),
        ("entry-content", false), ("share-buttons", true), ("shared-content", false), ("wsite-not-footer", false),
    ])
    func classNames(names: String, furniture: Bool) {
        let bytes = Array(names.utf8)
        let verdict = bytes.withUnsafeBufferPointer { ClassNamePatterns.standard.classify($0) }
        #expect(verdict.furniture == furniture)
    }

    @Test func articleBodyNames() {
        for names in ["article-body", "entry-content", "post-content main"] {
            let bytes = Array(names.utf8)
            let verdict = bytes.withUnsafeBufferPointer { ClassNamePatterns.standard.classify($0) }
            #expect(verdict.articleBody && verdict.content, "\(names)")
        }
    }
}
