#!/usr/bin/env python3
"""Writes N lint-clean scenarios into OUT/Scenarios (and links OUT/Content to the real content), for the
content-scale benchmark. Each has four decisions, a written reply, a deadline and three endings, like a
typical shipped scenario but shorter; ids, numbers and texts vary so no two files are alike."""
import os
import sys

TEMPLATE = """id: gen-{n:05d}
title: {{en: "Generated claim {n}", zh: "生成的索赔情景 {n}"}}
topic: {topic}
difficulty: {difficulty}
summary: {{en: "{{buyer}} ordered a {{product}} (order {{order}}).", zh: "{{buyer}} 购买了 {{product}}（订单 {{order}}）。"}}
vars: {{buyer: Buyer{n}, order: 113-{n:07d}-{m:07d}, product: "Widget {n}"}}
mood: {mood}
score: 20
deadlines:
  - {{id: answer, at: {deadline}h, rule: claims.answer-buyer-48h, label: {{en: "answer the buyer", zh: "回复买家"}}, ending: granted}}
start: open
nodes:
  open:
    narration: {{en: "A claim arrived for order {{order}}.", zh: "订单 {{order}} 收到索赔。"}}
    buyer: {{same: "Where is my {{product}}? Order {{order}}.", angrier: "STILL nothing for {{order}}!"}}
    choices:
      - say: {{en: "Answer now", zh: "马上回复"}}
        effect: {{points: 20, mood: -10, clock: 1h}}
        follows: claims.contact-buyer-first
        feedback: {{en: "Answering first keeps the claim yours to resolve.", zh: "先回复，索赔才在你手中。"}}
        next: check
      - say: {{en: "Wait for Amazon", zh: "等亚马逊处理"}}
        effect: {{points: -10, mood: 20, clock: {wait}h}}
        breaks: claims.answer-buyer-48h
        feedback: {{en: "Silence loses the claim.", zh: "沉默会输掉索赔。"}}
        next: granted
  check:
    buyer: {{calmer: "Thanks for answering.", same: "So?"}}
    choices:
      - say: {{en: "Check the tracking", zh: "核查物流"}}
        effect: {{points: 20, clock: 30m}}
        follows: claims.investigate
        feedback: {{en: "Facts first.", zh: "先查事实。"}}
        next: write
      - say: {{en: "Blame the carrier", zh: "怪承运商"}}
        effect: {{points: -10, mood: 15}}
        breaks: apology.no-blame
        feedback: {{en: "The buyer bought from you.", zh: "买家是向你购买的。"}}
        next: write
  write:
    reply:
      rubric: claim-response
      rule: claims.resolve
      points: 20
      prompt: {{en: "Write to {{buyer}}.", zh: "给 {{buyer}} 写回复。"}}
      model: "Hi {{buyer}}, I'm sorry. A replacement ships today; reply here with any question."
    next:
      - {{if: "grade >= {grade} and not fired(blame_buyer)", go: settle}}
      - {{go: refund}}
  settle:
    buyer: "OK, thanks."
    choices:
      - say: {{en: "Ship and follow up", zh: "发货并跟进"}}
        effect: {{points: 20}}
        follows: claims.follow-up
        feedback: {{en: "Follow up until solved.", zh: "持续跟进直到解决。"}}
        next: resolved
      - say: {{en: "Ship and go quiet", zh: "发货后不再联系"}}
        effect: {{points: 0}}
        breaks: claims.follow-up
        feedback: {{en: "Nobody checked it arrived.", zh: "没人确认是否送达。"}}
        next: resolved
endings:
  resolved: {{outcome: resolved, text: {{en: "Resolved.", zh: "已解决。"}}}}
  refund: {{outcome: refunded-at-loss, odr: true, text: {{en: "Refunded after the claim.", zh: "索赔后退款。"}}}}
  granted: {{outcome: claim-granted, odr: true, text: {{en: "Claim granted.", zh: "索赔被批准。"}}}}
"""


def main():
    count, out, content = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    scenarios = os.path.join(out, "Scenarios")
    os.makedirs(scenarios, exist_ok=True)
    # The shipped rules, strings, rubrics, lexicons and quiz; not the exams and curriculum, which name shipped scenarios.
    target = os.path.join(out, "Content")
    os.makedirs(target, exist_ok=True)
    for name in os.listdir(content):
        if name in ("exams", "curriculum.yaml"):
            continue
        link = os.path.join(target, name)
        if not os.path.exists(link):
            os.symlink(os.path.abspath(os.path.join(content, name)), link)
    for n in range(count):
        text = TEMPLATE.format(n=n, m=(n * 7919) % 10_000_000, topic="claims", difficulty=1 + n % 3,
                               mood=40 + n % 50, deadline=24 + n % 24, wait=48 + n % 10, grade=50 + n % 30)
        with open(os.path.join(scenarios, f"gen-{n:05d}.yaml"), "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main()
