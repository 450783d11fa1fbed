// Browser front end: evaluates the expression typed into the form and shows the result.
import { evaluate } from "./evaluate.js";

const form = document.querySelector("#calc");
const output = document.querySelector("#result");

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const expression = form.elements.expression.value;
  try {
    output.textContent = String(evaluate(expression));
  } catch (error) {
    output.textContent = `Error: ${error.message}`;
  }
});
