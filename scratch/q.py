"""Read + answer messages directly (no dialogue): scratch/q.py "msg" ["msg2" ...]; earlier ones are context."""
import sys
from knowledge.loader import builtin
from rules.answerer import Answerer
from rules.reader import Memory, read
kb = builtin(); a = Answerer(kb); m = Memory()
for t in sys.argv[1:]:
    q = read(kb, t, m); m = m.after(q)
    ans = a.answer(q)
    print(">>", t, "|", q.as_json(), q.leftover, "| kind", ans.kind)
    print(ans.text[:1500]); print()
