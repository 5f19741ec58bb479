"""Pass 2's kept mentions, and the kind their votes give a group of them.

:class:`_Kept` holds the mentions the corpus kept, as columns every later
phase reads; :meth:`_Kept.kind_of` decides a group's kind from its mentions'
person, org and place votes (:func:`_kind_of_votes`).
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence

from .forms import PERSON, ORG, PLACE, _votes_of


class _Kept:
    """The kept candidates as columns (a big corpus keeps millions):
    article, start, surface, person/org/place votes; ``order`` lists those
    still in play, in the order found.  A surface is one string shared by all
    its mentions; a mention ends where its surface does.  ``datelines``:
    the mentions that are an article's dateline."""

    __slots__ = ("article", "start", "surface", "person_votes", "org_votes", "place_votes", "order", "datelines")

    def __init__(self) -> None:
        self.article, self.start = array("i"), array("i")
        # (Votes are a few points each: two bytes hold them, where a million
        # articles keep some thirty million mentions.)
        self.person_votes, self.org_votes, self.place_votes = array("h"), array("h"), array("h")
        self.surface: list[str] = []
        self.order = array("I")
        self.datelines = array("I")

    def add(self, article: int, start: int, surface: str, votes: Sequence[int]) -> None:
        self.order.append(len(self.article))
        self.article.append(article)
        self.start.append(start)
        self.surface.append(surface)
        self.person_votes.append(votes[0])
        self.org_votes.append(votes[1])
        self.place_votes.append(votes[2])

    def kind_of(self, members: Sequence[int]) -> str:
        if len(members) == 1:
            i = members[0]
            return _kind_of_votes(self.person_votes[i], self.org_votes[i], self.place_votes[i])
        # Squared: one strong piece of evidence ("Gazprom, the company")
        # outweighs several weak ones ("trade in Gazprom").
        per, org, pla = self.person_votes, self.org_votes, self.place_votes
        p, o, l = (sum(per[i] * per[i] for i in members), sum(org[i] * org[i] for i in members),
                   sum(pla[i] * pla[i] for i in members))
        kind = _kind_of_votes(p, o, l)
        # The gazetteers vouch for most mentions of a person or a place; a
        # name they do not know, that the text calls one at fewer than one
        # mention in ten, is mostly something else: "in Firefox", "Olympic
        # relay star Alvin Harrison" against a hundred bare "Olympic"s.  (An
        # organisation is often named bare: "BBC One", "Viacom".)
        if kind == "person" and p * 10 < len(members) or kind == "place" and l * 10 < len(members):
            return "other"
        if kind == "place" and (o or p):
            told = self._told_otherwise(members)
            if told is not None:
                return told
        if kind == "person" and max(map(per.__getitem__, members)) <= 1:
            # Only the list of given names says person, mention after mention,
            # while the text calls it something else at one in ten: "an Oscar
            # nomination", "the Oscars".
            other = sum(1 for i in members if org[i] or pla[i])
            if other * 10 >= len(members):
                return "other"  # (which other kind is no surer: "Ferrari", "Dickens")
        return kind

    def _told_otherwise(self, members: Sequence[int]) -> str | None:
        """A town's name that only the gazetteer calls a place, while the text
        calls it a body at one mention in ten or more: "org" ("electronics
        firm Hitachi", a city of 180,000; "agrochemical giant Monsanto").  Not a
        country's or a big city's name: the gazetteer's vote for it is 3 or
        more."""
        per, org, pla, surface = self.person_votes, self.org_votes, self.place_votes, self.surface
        priors: dict[str, list[int]] = {}
        told = o = p = 0
        for i in members:
            prior = priors.get(surface[i])
            if prior is None:
                prior = priors[surface[i]] = _votes_of(surface[i])
                if prior[PLACE] > 2:
                    return None
            if pla[i] > prior[PLACE]:
                return None  # the text says place too ("in Hitachi")
            do, dp = org[i] - prior[ORG], per[i] - prior[PERSON]
            if do > 0 or dp > 0:
                told += 1
                o += max(do, 0) ** 2
                p += max(dp, 0) ** 2
        # (Said or "who" after a town's name is as often its side's, so only a body is taken.)
        return "org" if told * 10 >= len(members) and o > p else None


def _kind_of_votes(p: int, o: int, l: int) -> str:
    best = max(p, o, l)
    if best <= 0:
        return "other"
    return "person" if p == best else "org" if o == best else "place"
