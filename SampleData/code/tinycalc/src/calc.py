"""A tiny calculator: tokenizes and evaluates arithmetic expressions with + - * / and parentheses."""

import re

TOKEN = re.compile(r"\s*(?:(\d+\.?\d*)|(.))")


def tokenize(text):
    """Splits text into numbers and single-character operators."""
    tokens = []
    for number, operator in TOKEN.findall(text):
        if number:
            tokens.append(float(number))
        elif operator.strip():
            tokens.append(operator)
    return tokens


def evaluate(text):
    """Evaluates an expression, honouring precedence and parentheses."""
    tokens = tokenize(text)
    position = 0

    def peek():
        return tokens[position] if position < len(tokens) else None

    def take():
        nonlocal position
        position += 1
        return tokens[position - 1]

    def factor():
        token = take()
        if token == "(":
            value = expression()
            take()
            return value
        if token == "-":
            return -factor()
        return token

    def term():
        value = factor()
        while peek() in ("*", "/"):
            value = value * factor() if take() == "*" else value / factor()
        return value

    def expression():
        value = term()
        while peek() in ("+", "-"):
            value = value + term() if take() == "+" else value - term()
        return value

    return expression()


if __name__ == "__main__":
    print(evaluate("2 * (3 + 4) - 5 / 2"))
