import Foundation

/// The JSON columns of Anki's `col` row (schema 11): note types, decks, deck options and
/// collection settings, with the defaults a fresh Anki collection has.
extension AnkiCollection {
    func modelsJSON(modified: Int64) -> String {
        let deck = decks.first?.id ?? 1
        var models: [String: Any] = [:]
        for type in AnkiNoteType.allCases {
            let fields = type.fieldNames.enumerated().map { index, name -> [String: Any] in
                ["name": name, "ord": index, "sticky": false, "rtl": false, "font": "Arial", "size": 20, "media": []]
            }
            let template: [String: Any] = type == .basic
                ? ["name": "Card 1", "ord": 0, "qfmt": "{{Front}}", "afmt": "{{FrontSide}}<hr id=answer>{{Back}}", "bqfmt": "", "bafmt": "", "did": NSNull()]
                : ["name": "Cloze", "ord": 0, "qfmt": "{{cloze:Text}}", "afmt": "{{cloze:Text}}<br>{{Back Extra}}", "bqfmt": "", "bafmt": "", "did": NSNull()]
            var model: [String: Any] = [
                "id": type.rawValue, "name": type.name, "type": type == .basic ? 0 : 1, "mod": modified, "usn": -1,
                "sortf": 0, "did": deck, "tmpls": [template], "flds": fields, "tags": [], "vers": [],
                "css": ".card { font-family: arial; font-size: 20px; text-align: center; color: black; background-color: white; }\n.cloze { font-weight: bold; color: blue; }",
                "latexPre": "\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n",
                "latexPost": "\\end{document}", "latexsvg": false,
            ]
            if type == .basic { model["req"] = [[0, "any", [0]]] }
            models[String(type.rawValue)] = model
        }
        return Self.json(models)
    }

    func decksJSON(modified: Int64) -> String {
        var all: [String: Any] = [:]
        for deck in [AnkiDeck(id: 1, name: "Default")] + decks {
            all[String(deck.id)] = [
                "id": deck.id, "name": deck.name, "conf": 1, "desc": "", "dyn": 0, "collapsed": false,
                "browserCollapsed": false, "extendNew": 0, "extendRev": 0, "usn": -1, "mod": modified,
                "newToday": [0, 0], "revToday": [0, 0], "lrnToday": [0, 0], "timeToday": [0, 0],
            ] as [String: Any]
        }
        return Self.json(all)
    }

    /// Default deck options; the leech threshold is kb's (8 lapses, DESIGN.md 6.7), which is also Anki's.
    static func deckOptionsJSON() -> String {
        json(["1": [
            "id": 1, "name": "Default", "mod": 0, "usn": 0, "maxTaken": 60, "autoplay": true, "timer": 0,
            "replayq": true, "dyn": false,
            "new": ["delays": [1, 10], "ints": [1, 4, 0], "initialFactor": SM2.initialEase * 10, "order": 1, "perDay": 20, "bury": false],
            "rev": ["perDay": 200, "ease4": 1.3, "maxIvl": 36_500, "hardFactor": 1.2, "bury": false, "ivlFct": 1],
            "lapse": ["delays": [10], "mult": 0, "minInt": 1, "leechFails": SM2.leechLapses, "leechAction": 1],
        ] as [String: Any]])
    }

    func settingsJSON() -> String {
        let newCards = notes.flatMap(\.cards).filter(\.isNew).count
        return Self.json([
            "nextPos": newCards + 1, "estTimes": true, "activeDecks": [1], "sortType": "noteFld", "timeLim": 0,
            "sortBackwards": false, "addToCur": true, "curDeck": 1, "newSpread": 0, "dueCounts": true,
            "curModel": AnkiNoteType.basic.rawValue, "collapseTime": 1200, "schedVer": 2,
        ])
    }

    static func json(_ value: Any) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
