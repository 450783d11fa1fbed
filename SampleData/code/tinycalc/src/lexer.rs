//! Tokenizer for the tinycalc expression language.

#[derive(Debug, Clone, PartialEq)]
pub enum Token {
    Number(f64),
    Operator(char),
    LeftParen,
    RightParen,
}

/// Splits `input` into tokens, skipping white space. Returns an error naming the first bad character.
pub fn tokenize(input: &str) -> Result<Vec<Token>, String> {
    let mut tokens = Vec::new();
    let chars: Vec<char> = input.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            ' ' | '\t' => i += 1,
            '0'..='9' | '.' => {
                let start = i;
                while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                    i += 1;
                }
                let text: String = chars[start..i].iter().collect();
                tokens.push(Token::Number(text.parse().map_err(|_| format!("bad number {text}"))?));
            }
            '+' | '-' | '*' | '/' => {
                tokens.push(Token::Operator(c));
                i += 1;
            }
            '(' => { tokens.push(Token::LeftParen); i += 1; }
            ')' => { tokens.push(Token::RightParen); i += 1; }
            _ => return Err(format!("unexpected character '{c}' at {i}")),
        }
    }
    Ok(tokens)
}
