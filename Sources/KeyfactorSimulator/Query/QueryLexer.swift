/// Splits a QueryString into tokens, each with its position.
enum QueryLexer {
    static func tokens(of text: String) throws(QueryError) -> [QueryToken] {
        let characters = Array(text)
        var tokens: [QueryToken] = []
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let position = index + 1
            if character.isWhitespace {
                index += 1
            } else if character == "(" {
                tokens.append(QueryToken(kind: .openParen, position: position))
                index += 1
            } else if character == ")" {
                tokens.append(QueryToken(kind: .closeParen, position: position))
                index += 1
            } else if character == "\"" {
                // Both a backslash and a doubled quote escape a quote: users write either.
                var value = ""
                index += 1
                var closed = false
                while index < characters.count {
                    let next = characters[index]
                    if next == "\\", index + 1 < characters.count {
                        value.append(characters[index + 1])
                        index += 2
                    } else if next == "\"" {
                        if index + 1 < characters.count, characters[index + 1] == "\"" {
                            value.append("\"")
                            index += 2
                        } else {
                            index += 1
                            closed = true
                            break
                        }
                    } else {
                        value.append(next)
                        index += 1
                    }
                }
                guard closed else { throw QueryError("unterminated quoted value", at: position) }
                tokens.append(QueryToken(kind: .quoted(value), position: position))
            } else {
                var word = ""
                while index < characters.count {
                    let next = characters[index]
                    if next.isWhitespace || next == "(" || next == ")" || next == "\"" { break }
                    word.append(next)
                    index += 1
                }
                // A dash followed by a letter is an operator; "-5" stays a value.
                if word.hasPrefix("-"), word.count > 1, word.dropFirst().allSatisfy(\.isLetter) {
                    tokens.append(QueryToken(kind: .op(String(word.dropFirst())), position: position))
                } else {
                    tokens.append(QueryToken(kind: .word(word), position: position))
                }
            }
        }
        tokens.append(QueryToken(kind: .end, position: characters.count + 1))
        return tokens
    }
}
