"""kbqa: question answering over reply and policy documents, with checked citations."""
