/// Programming languages by file extension or file name, covering the most common languages of The Stack.
/// Names follow The Stack's / GitHub linguist's spelling in lower case.
public enum CodeLanguages {
    /// Extension (lower-case, without the dot) to language.
    public static let byExtension: [String: String] = {
        var map: [String: String] = [:]
        let table: [(String, [String])] = [
            ("c", ["c", "h"]),
            ("c++", ["cc", "cpp", "cxx", "c++", "hpp", "hh", "hxx", "h++", "ipp", "tpp"]),
            ("c#", ["cs"]),
            ("java", ["java"]),
            ("javascript", ["js", "mjs", "cjs", "jsx"]),
            ("typescript", ["ts", "tsx", "mts", "cts"]),
            ("python", ["py", "pyi", "pyw"]),
            ("go", ["go"]),
            ("rust", ["rs"]),
            ("ruby", ["rb", "rake", "gemspec"]),
            ("php", ["php", "phtml"]),
            ("swift", ["swift"]),
            ("kotlin", ["kt", "kts"]),
            ("scala", ["scala", "sc"]),
            ("shell", ["sh", "bash", "zsh", "ksh"]),
            ("perl", ["pl", "pm", "t", "pod"]),
            ("lua", ["lua"]),
            ("r", ["r"]),
            ("julia", ["jl"]),
            ("haskell", ["hs", "lhs"]),
            ("ocaml", ["ml", "mli"]),
            ("elixir", ["ex", "exs"]),
            ("erlang", ["erl", "hrl"]),
            ("clojure", ["clj", "cljs", "cljc", "edn"]),
            ("dart", ["dart"]),
            ("objective-c", ["m"]),
            ("objective-c++", ["mm"]),
            ("fortran", ["f", "f90", "f95", "f03", "for"]),
            ("sql", ["sql"]),
            ("html", ["html", "htm", "xhtml"]),
            ("css", ["css"]),
            ("scss", ["scss", "sass"]),
            ("less", ["less"]),
            ("markdown", ["md", "markdown"]),
            ("restructuredtext", ["rst"]),
            ("json", ["json"]),
            ("yaml", ["yml", "yaml"]),
            ("toml", ["toml"]),
            ("xml", ["xml", "xsd", "xsl", "svg"]),
            ("cmake", ["cmake"]),
            ("powershell", ["ps1", "psm1"]),
            ("batchfile", ["bat", "cmd"]),
            ("vue", ["vue"]),
            ("groovy", ["groovy", "gradle"]),
            ("tex", ["tex", "sty", "cls"]),
            ("assembly", ["s", "asm"]),
            ("visual-basic", ["vb", "bas"]),
            ("f#", ["fs", "fsi", "fsx"]),
            ("pascal", ["pas", "pp"]),
            ("zig", ["zig"]),
            ("nim", ["nim"]),
            ("elm", ["elm"]),
            ("coffeescript", ["coffee"]),
            ("protocol-buffer", ["proto"]),
            ("solidity", ["sol"]),
            ("verilog", ["v", "sv", "svh"]),
            ("vhdl", ["vhd", "vhdl"]),
            ("awk", ["awk"]),
            ("tcl", ["tcl"]),
            ("makefile", ["mk", "mak"]),
            ("dockerfile", ["dockerfile"]),
            ("graphql", ["graphql", "gql"]),
            ("jupyter-notebook", ["ipynb"]),
        ]
        for (language, extensions) in table {
            for ext in extensions { map[ext] = language }
        }
        return map
    }()

    /// Whole file names (exact) to language.
    public static let byFileName: [String: String] = [
        "Makefile": "makefile", "makefile": "makefile", "GNUmakefile": "makefile",
        "Dockerfile": "dockerfile", "CMakeLists.txt": "cmake", "Rakefile": "ruby", "Gemfile": "ruby",
        "Jenkinsfile": "groovy", "BUILD": "starlark", "WORKSPACE": "starlark", "meson.build": "meson",
    ]

    /// The language of a file name, or nil.
    public static func language(ofFileNamed name: String) -> String? {
        if let language = byFileName[name] { return language }
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        return byExtension[name[name.index(after: dot)...].lowercased()]
    }

    /// Number of distinct languages known.
    public static var count: Int { Set(byExtension.values).union(byFileName.values).count }
}
