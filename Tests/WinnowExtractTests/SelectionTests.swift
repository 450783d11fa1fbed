import Testing
@testable import WinnowExtract

/// How ``ContentScorer`` picks the main content on pages built the way the benchmark pages are.
@Suite struct SelectionTests {
    static func extract(_ html: String) throws -> String {
        try HTMLExtractor().extract(Array(html.utf8)).text
    }

    static let first = "The council approved the new harbour plan on Monday, after three years of consultation, two public inquiries and a long debate about the cost of dredging the channel."
    static let second = "Work starts in spring, the engineers said, and the quay will stay open to fishing boats throughout, although the car park will close for most of the summer."
    static let third = "Residents who want to comment on the details can still write to the planning office, which will publish every letter it receives on its website."

    /// Text directly inside a container that also holds blocks (here empty spacer `div`s) is a paragraph of
    /// that container, as Readability wraps it; it outscores a box of short teaser paragraphs.
    @Test func looseTextInAContainerOfBlocksScoresAsParagraphs() throws {
        let html = """
            <html><body><div><h1>Harbour plan approved</h1>
            <div>\(Self.first)<div class="spacer"></div>\(Self.second)<br><div class="spacer"></div>\(Self.third)</div></div>
            <div><p>Ferry timetable for the winter season is out now.</p><p>Lifeboat open day raises money for a new engine.</p></div>
            </body></html>
            """
        #expect(try Self.extract(html) == [Self.first, Self.second, Self.third].joined(separator: "\n"))
    }

    /// A page that hides a schema.org copy of its article for search engines shows the article once.
    @Test func aHiddenMicrodataCopyOfTheArticleIsDropped() throws {
        let html = """
            <html><body>
            <div style="display:none" itemscope itemtype="http://schema.org/NewsArticle">
              <div itemprop="headline">Harbour plan approved</div><div itemprop="datePublished">2019-11-13T23:06:00+01:00</div>
              <div itemprop="articleBody"><p>\(Self.first)</p><p>\(Self.second)</p></div>
            </div>
            <div class="page"><h1>Harbour plan approved</h1><p>\(Self.first)</p><p>\(Self.second)</p><p>\(Self.third)</p></div>
            </body></html>
            """
        #expect(try Self.extract(html) == ["Harbour plan approved", Self.first, Self.second, Self.third].joined(separator: "\n"))
    }

    /// `itemprop="articleBody"` around the best candidate is the article: teaser boxes next to it, however
    /// well they score, stay out, and the selection is not widened to the page.
    @Test func schemaArticleBodyKeepsTeasersOut() throws {
        let teaser = "<div><h3>Another story from the coast</h3><p>A summary of another story, long enough to look like a paragraph, with commas, clauses, and more words.</p></div>"
        let html = """
            <html><body><div class="wrap">
            <div itemprop="articleBody"><p>\(Self.first)</p><p>\(Self.second)</p><p>\(Self.third)</p></div>
            <div class="more">\(String(repeating: teaser, count: 6))</div>
            </div></body></html>
            """
        #expect(try Self.extract(html) == [Self.first, Self.second, Self.third].joined(separator: "\n"))
    }

    /// One unclosed `div` in a page header makes the rest of the page part of the `<header>` (libxml2 does not
    /// close a `div` with `</header>`): a header holding nearly all of the page is not furniture.
    @Test func aHeaderThatSwallowedThePageIsNotFurniture() throws {
        let html = """
            <html><body><header><nav><a href="/">Home</a> <a href="/news">News</a></nav>
            <div class="header-search"><form><input name="q"></form></header>
            <div class="content"><h1>Harbour plan approved</h1><p>\(Self.first)</p><p>\(Self.second)</p><p>\(Self.third)</p></div>
            </body></html>
            """
        #expect(try Self.extract(html) == ["Harbour plan approved", Self.first, Self.second, Self.third].joined(separator: "\n"))
    }

    /// A footer, however much of the page it holds, stays furniture: pages without main text are mostly footer.
    @Test func aFooterHoldingMostOfAnEmptyPageIsStillFurniture() throws {
        let html = """
            <html><body><div class="top"><a href="/">Home</a></div>
            <footer><div class="links">\(Self.third)</div><p>\(Self.first)</p></footer>
            </body></html>
            """
        #expect(try Self.extract(html) == "")
    }

    /// A page whose content is a list of links (a job board) keeps its links when the link filters would
    /// leave next to nothing; the page's navigation stays out.
    @Test func aListOfLinksIsThePageWhenNothingElseIs() throws {
        let jobs = ["Swift engineer", "Harbour master", "Dredging surveyor", "Ferry deckhand", "Quay electrician"]
        let items = jobs.map { "<li><a href=\"/jobs/\($0)\">\($0) at the harbour authority</a> <a href=\"/t\">2 days ago</a></li>" }
        let html = """
            <html><body><nav><a href="/">Home</a> <a href="/about">About the harbour</a></nav>
            <div class="jobs"><ul>\(items.joined())</ul></div>
            </body></html>
            """
        #expect(try Self.extract(html) == jobs.map { "\($0) at the harbour authority 2 days ago" }.joined(separator: "\n"))
    }
}
