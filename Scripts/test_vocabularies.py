#!/usr/bin/env python3
"""Tests for the vocabulary scripts: the SCOWL derivation pairs what it should and nothing else,
and the generated Swift is current. Run: python3 Scripts/test_vocabularies.py"""
import importlib.util
import os
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))


def load(name):
    spec = importlib.util.spec_from_file_location(name.replace("-", "_"), os.path.join(HERE, name + ".py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


derive = load("derive-spelling-variants")
generate = load("generate-vocabularies")


class SpellingFamilies(unittest.TestCase):
    def american(self, british):
        return set(derive.candidates(british))

    def test_each_family_gives_the_american_form(self):
        for british, american in [
            ("colour", "color"), ("organise", "organize"), ("organisation", "organization"),
            ("analyse", "analyze"), ("centre", "center"), ("centred", "centered"), ("fibres", "fibers"),
            ("paediatric", "pediatric"), ("oesophagus", "esophagus"), ("sulphur", "sulfur"),
            ("catalogue", "catalog"), ("licence", "license"), ("travelling", "traveling"),
            ("fulfil", "fulfill"), ("enrolment", "enrollment"), ("judgement", "judgment"),
            ("programme", "program"), ("cheque", "check"), ("tyre", "tire"), ("storey", "story"),
            ("plough", "plow"), ("mould", "mold"), ("draught", "draft"), ("sceptic", "skeptic"),
            ("manoeuvre", "maneuver"),
        ]:
            self.assertIn(american, self.american(british), british)

    def test_a_respelling_keeps_the_consonants(self):
        self.assertTrue(derive.respelt("aeroplane", "airplane"))
        self.assertTrue(derive.respelt("centreboard", "centerboard"))
        # Swapped letters are another word unless -re- becomes -er- inside a compound.
        self.assertFalse(derive.respelt("preformative", "performative"))
        self.assertFalse(derive.respelt("crees", "ceres"))
        self.assertFalse(derive.respelt("council", "counsel"))

    def test_the_derived_file_pairs_known_variants_and_no_shared_words(self):
        pairs = {}
        with open(derive.OUTPUT, encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("#") or line.startswith("british\t"):
                    continue
                british, american, _ = line.rstrip("\n").split("\t")
                pairs[british] = american
        for british, american in [("tyre", "tire"), ("aluminium", "aluminum"), ("artefact", "artifact"),
                                  ("centres", "centers"), ("defence", "defense")]:
            self.assertEqual(pairs.get(british), american, british)
        # Words both spellings share are never keys: "council", "principal", "stationery"; nor are
        # British words whose American twin shares no family and is a British word too ("kerb").
        for shared in ["council", "counsel", "principal", "principle", "stationery", "stationary", "audit", "kerb"]:
            self.assertNotIn(shared, pairs)
        self.assertGreater(len(pairs), 3000)


class Generation(unittest.TestCase):
    def test_folding_matches_the_matcher(self):
        self.assertEqual(generate.fold("Prìomh"), "priomh")
        self.assertEqual(generate.fold("Príomh-"), "priomh-")
        self.assertEqual(generate.fold("Àrd"), "ard")

    def test_generated_swift_is_current(self):
        result = subprocess.run([sys.executable, os.path.join(HERE, "generate-vocabularies.py"), "--check"])
        self.assertEqual(result.returncode, 0)

    def test_derived_pairs_are_current_when_scowl_is_installed(self):
        if not os.path.isdir(derive.SCOWL):
            self.skipTest("SCOWL is not installed (apt-get install scowl)")
        result = subprocess.run([sys.executable, os.path.join(HERE, "derive-spelling-variants.py"), "--check"])
        self.assertEqual(result.returncode, 0)


if __name__ == "__main__":
    unittest.main()
