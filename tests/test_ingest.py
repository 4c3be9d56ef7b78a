"""Ingestion into a real (embedded) Chroma: idempotency, model swaps, damage, article changes."""

from pathlib import Path

import pytest

from rag.engine import Engine
from rag.errors import IndexDamagedError, IndexMissingError
from rag.ingest.build import build_index
from rag.ingest.store import find_active, list_manifests, read_chunks
from rag.providers.fake import HashEmbedding
from rag.providers.store import make_chroma_client
from rag.settings import DEFAULT_ARTICLE
from tests.support import fake_settings


def test_a_second_run_on_unchanged_input_embeds_nothing_and_keeps_ids(tmp_path: Path):
    settings = fake_settings(tmp_path)
    first = build_index(settings, embed_model=HashEmbedding())
    client = make_chroma_client(settings.store)
    ids_before = sorted(client.get_collection(first.collection).get(include=[])["ids"])
    model = HashEmbedding()
    second = build_index(settings, embed_model=model)
    ids_after = sorted(make_chroma_client(settings.store).get_collection(second.collection).get(include=[])["ids"])
    assert first.embedded == first.chunks > 0
    assert second.embedded == 0 and model.embedded_texts == 0
    assert second.collection == first.collection and ids_after == ids_before


def test_rerun_does_not_even_load_the_embedding_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    settings = fake_settings(tmp_path)
    build_index(settings, embed_model=HashEmbedding())

    def refuse(_settings: object) -> None:
        raise AssertionError("the model was loaded")

    monkeypatch.setattr("rag.ingest.build.make_embedding", refuse)
    assert build_index(settings).embedded == 0


def test_an_interrupted_build_resumes_and_is_never_used_half_built(tmp_path: Path):
    settings = fake_settings(tmp_path)

    class Failing(HashEmbedding):
        def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
            if self.embedded_texts >= 4:
                raise RuntimeError("power cut")
            return super()._get_text_embeddings(texts)

    with pytest.raises(Exception, match="power cut"):
        build_index(settings.model_copy(update={"embed": settings.embed.model_copy(update={"batch_size": 4})}),
                    embed_model=Failing())  # fmt: skip
    client = make_chroma_client(settings.store)
    with pytest.raises(IndexMissingError, match="rag index"):
        find_active(client, "fake:hash-256")  # the partial collection is not complete
    report = build_index(settings, embed_model=HashEmbedding())
    assert 0 < report.embedded < report.chunks  # only what was missing


def test_swapping_the_embedding_model_builds_a_second_collection_beside_the_first(tmp_path: Path):
    settings = fake_settings(tmp_path)
    a = build_index(settings, embed_model=HashEmbedding())

    class Wider(HashEmbedding):
        dim: int = 64

    other = settings.model_copy(update={"embed": settings.embed.model_copy(update={"dimensions": 64})})
    b = build_index(other, embed_model=Wider())
    names = {name for name, _ in list_manifests(make_chroma_client(settings.store))}
    assert a.collection != b.collection and {a.collection, b.collection} <= names
    assert (a.dimension, b.dimension) == (256, 64)
    # both stay usable: each model finds its own index, no dimension clash
    Engine.from_settings(settings, llm=None or _fake_llm(), embed_model=HashEmbedding())
    Engine.from_settings(other, llm=_fake_llm(), embed_model=Wider())


def test_asking_with_a_model_that_has_no_index_says_run_rag_index(tmp_path: Path):
    settings = fake_settings(tmp_path)
    build_index(settings, embed_model=HashEmbedding())
    other = settings.model_copy(update={"embed": settings.embed.model_copy(update={"dimensions": 32})})
    with pytest.raises(IndexMissingError, match=r"run `rag index`"):
        Engine.from_settings(other, llm=_fake_llm(), embed_model=HashEmbedding())


def test_a_changed_article_builds_a_new_collection_and_drops_the_old(tmp_path: Path):
    article = tmp_path / "article.txt"
    article.write_text(DEFAULT_ARTICLE.read_text(encoding="utf-8"), encoding="utf-8")
    settings = fake_settings(tmp_path, article_path=article)
    first = build_index(settings, embed_model=HashEmbedding())
    with pytest.raises(IndexMissingError, match="changed"):
        article.write_text(article.read_text(encoding="utf-8").replace("April 23", "April 24"), encoding="utf-8")
        Engine.from_settings(settings, llm=_fake_llm(), embed_model=HashEmbedding())
    second = build_index(settings, embed_model=HashEmbedding())
    assert second.collection != first.collection
    assert second.removed == [first.collection]
    assert len(list_manifests(make_chroma_client(settings.store))) == 1


def test_a_chunk_that_no_longer_matches_its_manifest_is_reported_as_damage(tmp_path: Path):
    settings = fake_settings(tmp_path)
    report = build_index(settings, embed_model=HashEmbedding())
    client = make_chroma_client(settings.store)
    collection = client.get_collection(report.collection)
    got = collection.get(limit=1, include=["embeddings"])
    collection.update(ids=got["ids"], documents=["tampered text"], embeddings=got["embeddings"])
    collection, manifest = find_active(client, "fake:hash-256")
    with pytest.raises(IndexDamagedError, match="rebuild"):
        read_chunks(collection, manifest)


def test_a_corrupt_store_directory_gives_a_clear_error(tmp_path: Path):
    settings = fake_settings(tmp_path)
    settings.store.path.mkdir(parents=True)
    (settings.store.path / "chroma.sqlite3").write_bytes(b"this is not a database" * 100)
    with pytest.raises((IndexDamagedError, IndexMissingError)) as err:
        Engine.from_settings(settings, llm=_fake_llm(), embed_model=HashEmbedding())
    assert "RAG_STORE__PATH" in str(err.value) or "rag index" in str(err.value)


def _fake_llm():
    from rag.providers.fake import FakeLLM

    return FakeLLM()
