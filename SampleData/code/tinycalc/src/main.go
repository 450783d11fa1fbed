package main

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// main reads lines of the form "a op b" and prints the result.
func main() {
	scanner := bufio.NewScanner(os.Stdin)
	for scanner.Scan() {
		fields := strings.Fields(scanner.Text())
		if len(fields) != 3 {
			fmt.Println("expected: a op b")
			continue
		}
		a, errA := strconv.ParseFloat(fields[0], 64)
		b, errB := strconv.ParseFloat(fields[2], 64)
		if errA != nil || errB != nil {
			fmt.Println("not a number")
			continue
		}
		switch fields[1] {
		case "+":
			fmt.Println(a + b)
		case "-":
			fmt.Println(a - b)
		case "*":
			fmt.Println(a * b)
		case "/":
			fmt.Println(a / b)
		default:
			fmt.Println("unknown operator", fields[1])
		}
	}
}
