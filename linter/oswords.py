"""The operating system's reasons (`Permission denied`) in the language of the rest of bplint:
a finance officer who cannot read a folder reads why in Chinese (`--lang en` keeps them English)."""

from __future__ import annotations

import errno

from bplint.language import Lang

WORDS = {
    errno.EACCES: "没有权限",
    errno.EPERM: "不允许这样操作",
    errno.ENOENT: "不存在",
    errno.ENOTDIR: "路径中有一段不是目录",
    errno.EISDIR: "是一个目录",
    errno.ENAMETOOLONG: "路径或文件名太长",
    errno.ELOOP: "符号链接太多层（可能是循环）",
    errno.EROFS: "所在的文件系统是只读的",
    errno.ENOSPC: "磁盘空间不足",
    errno.EDQUOT: "超出磁盘配额",
    errno.EMFILE: "打开的文件太多",
    errno.ENFILE: "系统打开的文件太多",
    errno.EIO: "输入输出错误（磁盘或网络文件系统出错）",
    errno.EBUSY: "文件或设备正忙",
    errno.ETXTBSY: "文件正被使用",
    errno.EEXIST: "已经存在",
    errno.EXDEV: "不能跨文件系统移动",
    errno.ENXIO: "设备不存在或未就绪",
    errno.EAGAIN: "暂时不可用，请稍后再试",
    errno.EINVAL: "参数无效",
    errno.ESTALE: "网络文件已失效，请重新挂载",
}


def reason(error: OSError, lang: Lang = "zh") -> str:
    """Why the system refused, in `lang`: the system's own words in English, ours in Chinese."""
    english = error.strerror or type(error).__name__
    if lang != "zh":
        return english
    return (
        WORDS.get(error.errno, f"系统错误：{english}") if error.errno is not None else f"系统错误：{english}"
    )
